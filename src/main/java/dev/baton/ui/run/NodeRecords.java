package dev.baton.ui.run;

import dev.baton.engine.PartialHandler;
import dev.baton.engine.RunEvent;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Flow;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@link NodeRecord}s of one run, filled from its events in order; {@link #revision} counts the changes. */
public final class NodeRecords {

    private final Flow flow;
    private final Map<String, NodeRecord> records = new LinkedHashMap<>();
    private final Set<String> simulatedNodes = new LinkedHashSet<>();
    private final Set<String> realNodes = new LinkedHashSet<>();
    private final LongProperty revision = new SimpleLongProperty(this, "revision");

    NodeRecords(Flow flow) {
        this.flow = flow;
    }

    /** The record of {@code nodeId}, if the run touched it. */
    public Optional<NodeRecord> of(String nodeId) {
        return Optional.ofNullable(records.get(nodeId));
    }

    /** Grows by one with every event that changed a record: views refresh on it. */
    public LongProperty revisionProperty() {
        return revision;
    }

    /** Nodes whose model calls were answered by the simulated model, in run order. */
    public Set<String> simulatedNodes() {
        return java.util.Collections.unmodifiableSet(simulatedNodes);
    }

    /** Nodes that called a real model. */
    public Set<String> realNodes() {
        return java.util.Collections.unmodifiableSet(realNodes);
    }

    private NodeRecord at(String nodeId) {
        return records.computeIfAbsent(nodeId, NodeRecord::new);
    }

    void apply(RunEvent event) {
        if (event.accept(changes)) {
            revision.set(revision.get() + 1);
        }
    }

    private final Changes changes = new Changes();

    /** What each event adds to a node's record; true when it changed one. Events about no record change none. */
    private final class Changes extends PartialHandler<Boolean> {

        @Override
        protected Boolean otherwise(RunEvent e) {
            return false;
        }

        @Override
        public Boolean on(RunEvent.ContextPassed e) {
            at(e.nodeId()).receive(new NodeRecord.Received("context", e.fromNode(), e.edgeId(),
                    policy(e.edgeId(), e.mode().name()) + " · " + e.tokens() + " tok"
                            + (e.truncated() ? " (cut)" : ""),
                    e.context()));
            return true;
        }

        @Override
        public Boolean on(RunEvent.Handoff e) {
            at(e.to()).receive(new NodeRecord.Received("handoff", e.from(), e.edgeId(), policy(e.edgeId(),
                    e.contextMode().name()), e.context()));
            return true;
        }

        @Override
        public Boolean on(RunEvent.Delegated e) {
            at(e.worker()).receive(new NodeRecord.Received("delegation", e.supervisor(), e.edgeId(), "",
                    e.instruction()));
            return true;
        }

        @Override
        public Boolean on(RunEvent.DelegationReturned e) {
            at(e.supervisor()).receive(new NodeRecord.Received("return", e.worker(), e.edgeId(), "", e.output()));
            return true;
        }

        @Override
        public Boolean on(RunEvent.CriticVerdict e) {
            if (e.pass()) {
                return false;
            }
            at(e.reviewedNode()).receive(new NodeRecord.Received("rejection", e.nodeId(), e.edgeId(), "",
                    e.feedback()));
            return true;
        }

        @Override
        public Boolean on(RunEvent.HumanInputReceived e) {
            at(e.nodeId()).receive(new NodeRecord.Received("answer", "you", "", "", e.answer()));
            return true;
        }

        @Override
        public Boolean on(RunEvent.AgentStarted e) {
            at(e.nodeId()).started(e.input());
            return true;
        }

        @Override
        public Boolean on(RunEvent.ModelRequested e) {
            at(e.nodeId()).requested(e);
            return true;
        }

        @Override
        public Boolean on(RunEvent.ModelResponded e) {
            at(e.nodeId()).responded(e);
            (e.simulated() ? simulatedNodes : realNodes).add(e.nodeId());
            return true;
        }

        @Override
        public Boolean on(RunEvent.AgentFinished e) {
            at(e.nodeId()).finished(e);
            return true;
        }

        @Override
        public Boolean on(RunEvent.JudgeDecision e) {
            at(e.nodeId()).finished(e.output());
            return true;
        }

        @Override
        public Boolean on(RunEvent.AgentFailed e) {
            at(e.nodeId()).failed(e.cause());
            return true;
        }
    }

    /** The mode the event names, with the edge's token budget when the flow knows the edge. */
    private String policy(String edgeId, String mode) {
        if (flow == null || edgeId == null || edgeId.isBlank()) {
            return mode;
        }
        return flow.edge(edgeId).map(ed -> {
            ContextPolicy p = ed.effectiveContext();
            return mode + (p.tokenBudget() == null ? "" : " ≤" + p.tokenBudget() + " tok");
        }).orElse(mode);
    }
}
