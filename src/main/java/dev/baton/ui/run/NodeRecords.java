package dev.baton.ui.run;

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
        boolean changed = true;
        if (event instanceof RunEvent.ContextPassed e) {
            at(e.nodeId()).receive(new NodeRecord.Received("context", e.fromNode(), e.edgeId(),
                    policy(e.edgeId(), e.mode()) + " · " + e.tokens() + " tok" + (e.truncated() ? " (cut)" : ""),
                    e.context()));
        } else if (event instanceof RunEvent.Handoff e) {
            at(e.to()).receive(new NodeRecord.Received("handoff", e.from(), e.edgeId(), policy(e.edgeId(),
                    e.contextMode()), e.context()));
        } else if (event instanceof RunEvent.Delegated e) {
            at(e.worker()).receive(new NodeRecord.Received("delegation", e.supervisor(), e.edgeId(), "",
                    e.instruction()));
        } else if (event instanceof RunEvent.DelegationReturned e) {
            at(e.supervisor()).receive(new NodeRecord.Received("return", e.worker(), e.edgeId(), "", e.output()));
        } else if (event instanceof RunEvent.CriticVerdict e && !e.pass()) {
            at(e.reviewedNode()).receive(new NodeRecord.Received("rejection", e.nodeId(), e.edgeId(), "",
                    e.feedback()));
        } else if (event instanceof RunEvent.HumanInputReceived e) {
            at(e.nodeId()).receive(new NodeRecord.Received("answer", "you", "", "", e.answer()));
        } else if (event instanceof RunEvent.AgentStarted e) {
            at(e.nodeId()).started(e.input());
        } else if (event instanceof RunEvent.ModelRequested e) {
            at(e.nodeId()).requested(e);
        } else if (event instanceof RunEvent.ModelResponded e) {
            at(e.nodeId()).responded(e);
            (e.simulated() ? simulatedNodes : realNodes).add(e.nodeId());
        } else if (event instanceof RunEvent.AgentFinished e) {
            at(e.nodeId()).finished(e);
        } else if (event instanceof RunEvent.JudgeDecision e) {
            at(e.nodeId()).finished(e.output());
        } else if (event instanceof RunEvent.AgentFailed e) {
            at(e.nodeId()).failed(e.cause());
        } else {
            changed = false;
        }
        if (changed) {
            revision.set(revision.get() + 1);
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
