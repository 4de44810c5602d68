package dev.baton.ui.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunTotals;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Everything a canvas and a run panel show of one run, as JavaFX properties, driven only by {@link RunEvent}s applied
 * in order on the FX side (live through the bridge, or replayed from the audit database). Knows nothing of scenes.
 */
public final class RunViewModel {

    private final Flow flow;
    private final Map<String, NodeView> nodes = new LinkedHashMap<>();
    private final Map<String, EdgeActivity> edges = new LinkedHashMap<>();
    private final ObjectProperty<RunPhase> phase = new SimpleObjectProperty<>(this, "phase", RunPhase.NOT_STARTED);
    private final StringProperty runId = new SimpleStringProperty(this, "runId", "");
    private final StringProperty statusDetail = new SimpleStringProperty(this, "statusDetail", "");
    private final StringProperty finalOutput = new SimpleStringProperty(this, "finalOutput", "");
    private final StringProperty providers = new SimpleStringProperty(this, "providers", "");
    private final BooleanProperty simulated = new SimpleBooleanProperty(this, "simulated");
    private final TokenMeterModel meter;
    private final ObjectProperty<RunError> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<HumanPrompt> pendingHuman = new SimpleObjectProperty<>(this, "pendingHuman");
    private final ObjectProperty<BreakpointHit> breakpoint = new SimpleObjectProperty<>(this, "breakpoint");
    private final ToolApprovals approvals = new ToolApprovals();
    private final RunConsole console = new RunConsole();
    private final ObservableList<StateChange> stateSequence = FXCollections.observableArrayList();
    private final RunTimeline timeline;
    private final NodeRecords records;
    private final RunToolCalls tools;
    private final Applier applier = new Applier();
    private BiPredicate<String, String> humanAnswerer = (id, text) -> false;
    private Instant startedAt;

    /** @param flow the flow being run (its nodes, edges and token budget); null when only events are known */
    public RunViewModel(Flow flow) {
        this.flow = flow;
        long budget = 0;
        if (flow != null) {
            flow.nodes().forEach(n -> nodes.put(n.id(), new NodeView(n.id())));
            flow.edges().forEach(e -> edges.put(e.id(), new EdgeActivity(e.id())));
            Long b = flow.limits().tokenBudget();
            budget = b == null ? 0 : b;
        }
        meter = new TokenMeterModel(budget);
        timeline = new RunTimeline(this::nameOf);
        records = new NodeRecords(flow);
        tools = new RunToolCalls(this::node, timeline, this::line);
    }

    /** The run's tool calls (arguments, results, status), from its recorded events. */
    public ObservableList<ToolCallRecord> toolCalls() {
        return tools.calls();
    }

    /** What each node received, was prompted with, answered and spent: the node inspector's data. */
    public NodeRecords records() {
        return records;
    }

    /** A node's name as the canvas shows it, or its id when the flow does not know it or it has no name. */
    public String nameOf(String nodeId) {
        if (flow == null) {
            return nodeId;
        }
        return flow.node(nodeId).map(n -> n.name().isBlank() ? nodeId : n.name()).orElse(nodeId);
    }

    /** The view of a node; created on first use for a node the flow does not list (replays without the flow). */
    public NodeView node(String nodeId) {
        return nodes.computeIfAbsent(nodeId, NodeView::new);
    }

    public EdgeActivity edge(String edgeId) {
        return edges.computeIfAbsent(edgeId, EdgeActivity::new);
    }

    public Map<String, NodeView> nodes() {
        return java.util.Collections.unmodifiableMap(nodes);
    }

    public ObjectProperty<RunPhase> phaseProperty() {
        return phase;
    }

    public StringProperty runIdProperty() {
        return runId;
    }

    /** Why the run failed or was cancelled, "" otherwise. */
    public StringProperty statusDetailProperty() {
        return statusDetail;
    }

    public StringProperty finalOutputProperty() {
        return finalOutput;
    }

    /** The "provider/model" labels in use, for "which provider am I on" and the simulated banner. */
    public StringProperty providersProperty() {
        return providers;
    }

    public BooleanProperty simulatedProperty() {
        return simulated;
    }

    /** Tokens and cost against the budget, for the run panel's meter. */
    public TokenMeterModel meter() {
        return meter;
    }

    public LongProperty tokensUsedProperty() {
        return meter.tokensUsedProperty();
    }

    /** The flow's token budget; 0 without one. */
    public LongProperty tokenBudgetProperty() {
        return meter.tokenBudgetProperty();
    }

    /** Tokens used over the budget (0 without a budget); above 1 means over budget. */
    public DoubleProperty budgetFractionProperty() {
        return meter.budgetFractionProperty();
    }

    /** The list price of the calls made, summed from the events' {@code costUsd} (unknown prices count 0). */
    public DoubleProperty costUsdProperty() {
        return meter.costUsdProperty();
    }

    /** Why the run failed or hit a limit, with the node where it happened; null while all is well. */
    public ObjectProperty<RunError> errorProperty() {
        return error;
    }

    /** The question the run waits on, or null. */
    public ObjectProperty<HumanPrompt> pendingHumanProperty() {
        return pendingHuman;
    }

    /** The tool call waiting longest for the user's approval, or null. */
    public ObjectProperty<ToolApprovalPrompt> pendingApprovalProperty() {
        return approvals.pending();
    }

    /** Answers the tool call waiting longest; false when nothing waits or the run refused. */
    public boolean approveTool(dev.baton.engine.ToolApproval approval) {
        return approvals.answer(approval);
    }

    void setToolApprover(BiPredicate<String, dev.baton.engine.ToolApproval> approver) {
        approvals.setApprover(approver);
    }

    /** The breakpoint the run is held at, or null. */
    public ObjectProperty<BreakpointHit> breakpointProperty() {
        return breakpoint;
    }

    public ObservableList<String> console() {
        return console.lines();
    }

    public RunTimeline timeline() {
        return timeline;
    }

    /** Every node state change in the order applied; tests compare live runs and replays with it. */
    public ObservableList<StateChange> stateSequence() {
        return stateSequence;
    }

    /** Answers the pending question through the run's handle; false when nothing waits or the run refused. */
    public boolean answerHuman(String text) {
        HumanPrompt p = pendingHuman.get();
        return p != null && humanAnswerer.test(p.requestId(), text);
    }

    void setHumanAnswerer(BiPredicate<String, String> answerer) {
        this.humanAnswerer = answerer;
    }

    void showBreakpoint(BreakpointHit hit) {
        breakpoint.set(hit);
        String where = hit.kind() == BreakpointHit.Kind.NODE ? "before " + hit.nodeId() + " starts"
                : "before handoff " + hit.from() + " -> " + hit.nodeId();
        node(hit.nodeId()).badgeProperty().set("breakpoint");
        line("|| stopped " + where);
    }

    void clearBreakpoint(BreakpointHit hit) {
        if (breakpoint.get() == hit) {
            breakpoint.set(null);
        }
    }

    /** Applies one event; call on the FX side, in sequence order. */
    public void apply(RunEvent event) {
        timeline.advance(ms(event.time()));
        records.apply(event);
        if (tools.apply(event, ms(event.time()))) {
            return;
        }
        event.accept(applier);
    }

    /** What each event type changes in the view model, one method per type so that none goes unnoticed. */
    private final class Applier implements RunEvent.Handler<Void> {

        @Override
        public Void on(RunEvent.RunStarted e) {
            started(e);
            return null;
        }

        @Override
        public Void on(RunEvent.AgentStarted e) {
            NodeView n = node(e.nodeId());
            n.startActivation(e.attempt());
            console.endStream(e.nodeId());
            set(e.nodeId(), NodeRunState.RUNNING);
            n.badgeProperty().set(e.attempt() > 1 ? "running · attempt " + e.attempt() : "running");
            line("> " + e.nodeId() + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "") + " started");
            return null;
        }

        @Override
        public Void on(RunEvent.ContextPassed e) {
            waiting(e.nodeId());
            edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.CONTEXT, e.fromNode(), e.nodeId(), e.mode().name(),
                    e.context(), e.seq()));
            return null;
        }

        @Override
        public Void on(RunEvent.ModelRequested e) {
            // a critic's rubric call is the only sign of it running: it has no AgentStarted
            if (node(e.nodeId()).state() != NodeRunState.RUNNING) {
                set(e.nodeId(), NodeRunState.RUNNING);
            }
            timeline.callStarted(e.nodeId(), ms(e.time()), e.turn());
            return null;
        }

        @Override
        public Void on(RunEvent.ModelResponded e) {
            timeline.callEnded(e.nodeId(), ms(e.time()), e.inputTokens(), e.outputTokens(), e.latencyMs(),
                    e.costUsd(), e.provider() + "/" + e.model());
            meter.add(e);
            return null;
        }

        @Override
        public Void on(RunEvent.TokenChunk e) {
            stream(e.nodeId(), e.text());
            return null;
        }

        @Override
        public Void on(RunEvent.ToolCalled e) {
            line("  " + e.nodeId() + " calls " + e.tool());
            return null;
        }

        @Override
        public Void on(RunEvent.ToolCallRequested e) {
            return null; // RunToolCalls shows it
        }

        @Override
        public Void on(RunEvent.ToolCallFinished e) {
            return null; // RunToolCalls shows it
        }

        @Override
        public Void on(RunEvent.ToolApprovalRequested e) {
            set(e.nodeId(), NodeRunState.WAITING);
            node(e.nodeId()).badgeProperty().set("approve " + e.tool() + "?");
            node(e.nodeId()).awaitingApprovalProperty().set(true);
            approvals.requested(new ToolApprovalPrompt(e.requestId(), e.nodeId(), e.tool(), e.server(),
                    e.argumentsJson()));
            line("?  " + e.nodeId() + " wants to call " + e.tool() + ": waiting for your approval");
            return null;
        }

        @Override
        public Void on(RunEvent.ToolApprovalAnswered e) {
            if (!e.requestId().isEmpty()) {
                approvals.answered(e.requestId());
                boolean more = approvals.waitsFor(e.nodeId());
                node(e.nodeId()).awaitingApprovalProperty().set(more);
                if (!more) {
                    node(e.nodeId()).badgeProperty().set("");
                    set(e.nodeId(), NodeRunState.RUNNING);
                }
            }
            line("   " + e.tool() + ": " + e.decision().replace('_', ' ') + " by " + e.by()
                    + (e.reason().isBlank() ? "" : " (" + e.reason() + ")"));
            return null;
        }

        @Override
        public Void on(RunEvent.Handoff e) {
            waiting(e.to());
            edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.HANDOFF, e.from(), e.to(), e.contextMode().name(),
                    e.context(), e.seq()));
            timeline.arrow(e.from(), e.to(), ms(e.time()), EdgeSignal.Kind.HANDOFF, contextOf(e.edgeId(),
                    e.contextMode().name()));
            line("-> handoff " + e.from() + " -> " + e.to() + " (" + e.contextMode() + ")"
                    + (e.reason().isBlank() ? "" : ": " + e.reason()));
            return null;
        }

        @Override
        public Void on(RunEvent.HandoffIgnored e) {
            line("   ignored handoff " + e.from() + " -> " + e.to() + ": " + e.why());
            return null;
        }

        @Override
        public Void on(RunEvent.Delegated e) {
            waiting(e.worker());
            edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.DELEGATION, e.supervisor(), e.worker(), "",
                    e.instruction(), e.seq()));
            timeline.arrow(e.supervisor(), e.worker(), ms(e.time()), EdgeSignal.Kind.DELEGATION,
                    contextOf(e.edgeId(), ""));
            line("=> " + e.supervisor() + " delegates to " + e.worker());
            return null;
        }

        @Override
        public Void on(RunEvent.DelegationReturned e) {
            edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.RETURN, e.worker(), e.supervisor(), "",
                    e.output(), e.seq()));
            timeline.arrow(e.worker(), e.supervisor(), ms(e.time()), EdgeSignal.Kind.RETURN, "");
            return null;
        }

        @Override
        public Void on(RunEvent.WorkerFailureHandled e) {
            line("   " + e.supervisor() + " after " + e.worker() + " failed: " + e.action()
                    + (e.then().isEmpty() ? "" : " to " + e.then()));
            return null;
        }

        @Override
        public Void on(RunEvent.CriticVerdict e) {
            verdict(e);
            return null;
        }

        @Override
        public Void on(RunEvent.Retried e) {
            node(e.nodeId()).badgeProperty().set("retry " + e.attempt() + " ("
                    + e.reason().name().toLowerCase(java.util.Locale.ROOT) + ")");
            line("   " + e.nodeId() + " retries (" + e.reason() + ")" + (e.cause().isBlank() ? "" : ": "
                    + e.cause()));
            return null;
        }

        @Override
        public Void on(RunEvent.JudgeDecision e) {
            judged(e);
            return null;
        }

        @Override
        public Void on(RunEvent.RouteDecision e) {
            routed(e);
            return null;
        }

        @Override
        public Void on(RunEvent.HumanInputRequested e) {
            // the node is not working any more: it waits for a person
            set(e.nodeId(), NodeRunState.WAITING);
            node(e.nodeId()).badgeProperty().set("asks you");
            pendingHuman.set(new HumanPrompt(e.requestId(), e.nodeId(), e.question(), e.context()));
            line("?  " + e.nodeId() + " asks: " + e.question());
            return null;
        }

        @Override
        public Void on(RunEvent.HumanInputReceived e) {
            HumanPrompt p = pendingHuman.get();
            if (p != null && p.requestId().equals(e.requestId())) {
                pendingHuman.set(null);
            }
            set(e.nodeId(), NodeRunState.RUNNING);
            line("   answered: " + e.answer());
            return null;
        }

        @Override
        public Void on(RunEvent.LimitReached e) {
            line("!! limit " + e.limit() + ": " + e.detail());
            return null;
        }

        @Override
        public Void on(RunEvent.AgentFinished e) {
            NodeView n = node(e.nodeId());
            console.endStream(e.nodeId());
            n.finish(e.output(), e.inputTokens(), e.outputTokens(), e.latencyMs());
            set(e.nodeId(), NodeRunState.DONE);
            n.badgeProperty().set(doneBadge(e));
            timeline.activationEnded(e.nodeId(), ms(e.time()), e.latencyMs(), e.waitedMs());
            line("< " + e.nodeId() + " done (" + (e.inputTokens() + e.outputTokens()) + " tok, "
                    + e.latencyMs() + " ms" + (e.waitedMs() > 0 ? ", waited " + e.waitedMs() + " ms" : "") + ")");
            return null;
        }

        @Override
        public Void on(RunEvent.AgentFailed e) {
            failed(e.nodeId(), e.cause(), ms(e.time()));
            if (error.get() == null) {
                error.set(new RunError(e.nodeId(), nameOf(e.nodeId()), e.cause(), false));
            }
            line("x " + e.nodeId() + " failed: " + e.cause());
            return null;
        }

        @Override
        public Void on(RunEvent.RunWarning e) {
            line("!  " + e.message());
            return null;
        }

        @Override
        public Void on(RunEvent.RunFinished e) {
            finalOutput.set(e.output());
            ended(RunPhase.SUCCEEDED, "", e.time(), e.totals());
            return null;
        }

        @Override
        public Void on(RunEvent.RunFailed e) {
            boolean limit = e.status() == RunStatus.LIMIT_REACHED;
            if (!e.nodeId().isBlank() && node(e.nodeId()).state() != NodeRunState.FAILED) {
                failed(e.nodeId(), e.cause(), ms(e.time()));
            }
            // the first node's failure carries the provider's message; a limit is its own reason
            if (error.get() == null || limit) {
                error.set(new RunError(e.nodeId(), e.nodeId().isBlank() ? "" : nameOf(e.nodeId()), e.cause(),
                        limit));
            }
            ended(limit ? RunPhase.LIMIT_REACHED : RunPhase.FAILED, e.cause(),
                    e.time(), e.totals());
            return null;
        }

        @Override
        public Void on(RunEvent.RunCancelled e) {
            ended(RunPhase.CANCELLED, e.reason(), e.time(), e.totals());
            return null;
        }
    }

    private void started(RunEvent.RunStarted e) {
        startedAt = e.time();
        runId.set(e.runId());
        simulated.set(e.simulated());
        providers.set(String.join(", ", e.providers()));
        phase.set(RunPhase.RUNNING);
        timeline.clear();
        tools.clear();
        meter.reset(e.simulated());
        error.set(null);
        line("Run " + e.runId() + " of " + e.flowName() + (e.simulated() ? " [simulated]" : "") + " on "
                + String.join(", ", e.providers()));
    }

    private void verdict(RunEvent.CriticVerdict e) {
        set(e.nodeId(), NodeRunState.DONE);
        node(e.nodeId()).badgeProperty().set(e.pass() ? "passed" : "rejected");
        EdgeActivity review = edge(e.edgeId());
        review.rejectedProperty().set(!e.pass());
        // a rejection travels back from the critic to the producer; an approval is drawn along the edge too
        review.signal(new EdgeSignal(e.pass() ? EdgeSignal.Kind.APPROVAL : EdgeSignal.Kind.REJECTION, e.nodeId(),
                e.reviewedNode(), "", e.feedback(), e.seq()));
        if (!e.pass()) {
            node(e.reviewedNode()).badgeProperty().set("rejected");
            timeline.arrow(e.nodeId(), e.reviewedNode(), ms(e.time()), EdgeSignal.Kind.REJECTION, "");
        }
        line((e.pass() ? "ok " : "xx ") + e.nodeId() + (e.pass() ? " passes " : " rejects ") + e.reviewedNode()
                + (e.pass() ? "" : ": " + e.feedback()));
    }

    private void judged(RunEvent.JudgeDecision e) {
        NodeView judge = node(e.nodeId());
        judge.decisionProperty().set(new JudgeOutcome(e.strategy(), e.inputsConsidered(), e.winner(),
                e.rationale()));
        if (flow != null) {
            for (Edge in : flow.edges()) {
                if (in.kind() == EdgeKind.NEXT && in.to().equals(e.nodeId())) {
                    boolean won = in.from().equals(e.winner());
                    edge(in.id()).chosenProperty().set(won);
                    if (won) {
                        edge(in.id()).signal(new EdgeSignal(EdgeSignal.Kind.CHOSEN, in.from(), e.nodeId(), "",
                                e.rationale(), e.seq()));
                    }
                }
            }
        }
        line("== " + e.nodeId() + " (" + e.strategy() + ") chose " + e.winner() + ": " + e.rationale());
    }

    /** A router decided: the route taken lights, the routes not taken dim, the timeline shows the move. */
    private void routed(RunEvent.RouteDecision e) {
        if (flow != null) {
            for (Edge out : flow.edges()) {
                if (out.kind() == EdgeKind.ROUTE && out.from().equals(e.nodeId())) {
                    edge(out.id()).routedProperty().set(out.id().equals(e.edgeId()));
                }
            }
        }
        edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.CHOSEN, e.nodeId(), e.target(), "", e.reason(),
                e.seq()));
        node(e.nodeId()).badgeProperty().set("→ " + nameOf(e.target()));
        timeline.arrow(e.nodeId(), e.target(), ms(e.time()), EdgeSignal.Kind.CHOSEN, e.reason());
        line("=> " + e.nodeId() + " (" + e.mode().name().toLowerCase(java.util.Locale.ROOT) + ") routes to "
                + e.target() + ": " + e.reason());
    }

    private void ended(RunPhase how, String detail, Instant at, RunTotals totals) {
        // nothing runs any more: no node may keep glowing
        for (NodeView n : nodes.values()) {
            if (n.state() == NodeRunState.RUNNING || n.state() == NodeRunState.WAITING) {
                set(n.nodeId(), NodeRunState.IDLE);
            }
        }
        pendingHuman.set(null);
        approvals.clear();
        nodes.values().forEach(n -> n.awaitingApprovalProperty().set(false));
        breakpoint.set(null);
        timeline.closeAll(ms(at));
        tools.ended(ms(at));
        statusDetail.set(detail);
        phase.set(how);
        line("Run " + how.name().toLowerCase().replace('_', ' ') + (detail.isBlank() ? "" : ": " + detail)
                + " · " + totals.totalTokens() + " tokens, " + totals.modelCalls() + " model calls, "
                + totals.elapsedMs() + " ms");
    }

    private void waiting(String nodeId) {
        NodeRunState s = node(nodeId).state();
        if (s == NodeRunState.IDLE || s == NodeRunState.DONE) {
            set(nodeId, NodeRunState.WAITING);
        }
    }

    private void set(String nodeId, NodeRunState state) {
        NodeView n = node(nodeId);
        if (n.state() != state) {
            n.stateProperty().set(state);
            stateSequence.add(new StateChange(nodeId, state));
        }
    }

    private void stream(String nodeId, String text) {
        node(nodeId).appendStream(text);
        console.stream(nodeId, node(nodeId).streamedTextProperty().get());
    }

    /** A line for the console that is not an engine event (e.g. the audit database is being upgraded); FX thread. */
    public void note(String text) {
        line("note: " + text);
    }

    private void line(String text) {
        console.line(text);
    }

    /** The node shows red with the cause shortened on its badge; the full text is its error and in the console. */
    private void failed(String nodeId, String cause, long atMs) {
        NodeView n = node(nodeId);
        n.errorProperty().set(cause);
        set(nodeId, NodeRunState.FAILED);
        n.badgeProperty().set(RunError.badgeFor(cause));
        timeline.callFailed(nodeId, atMs);
    }

    /** The context policy of a flow edge as a short text ("SUMMARY · ≤2000 tok"), else {@code fallback}. */
    private String contextOf(String edgeId, String fallback) {
        if (flow == null || edgeId.isBlank()) {
            return fallback;
        }
        return flow.edge(edgeId).filter(ed -> ed.kind() != EdgeKind.REVIEWS).map(ed -> {
            ContextPolicy p = ed.effectiveContext();
            return p.mode().name() + (p.fields().isEmpty() ? "" : " " + p.fields())
                    + (p.tokenBudget() == null ? "" : " · ≤" + p.tokenBudget() + " tok");
        }).orElse(fallback);
    }

    private long ms(Instant t) {
        return startedAt == null ? 0 : Math.max(0, t.toEpochMilli() - startedAt.toEpochMilli());
    }

    private static String doneBadge(RunEvent.AgentFinished e) {
        int tokens = e.inputTokens() + e.outputTokens();
        return tokens == 0 ? "done" : "done · " + tokens + " tok · " + e.latencyMs() + " ms";
    }

    /** A copy of the state sequence, for assertions. */
    public List<StateChange> stateSequenceCopy() {
        return new ArrayList<>(stateSequence);
    }
}
