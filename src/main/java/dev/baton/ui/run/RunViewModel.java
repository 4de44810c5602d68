package dev.baton.ui.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;
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
    private final RunEventApplier applier;
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
        applier = new RunEventApplier(this, flow, records, tools, approvals, console);
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
        applier.apply(event);
    }

    /** A run starts: its identity shows, and what a previous run left is cleared. */
    void started(RunEvent.RunStarted e) {
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

    /** The run ended: nothing waits or glows any more, and the console sums it up. */
    void ended(RunPhase how, String detail, Instant at, RunTotals totals) {
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

    void waiting(String nodeId) {
        NodeRunState s = node(nodeId).state();
        if (s == NodeRunState.IDLE || s == NodeRunState.DONE) {
            set(nodeId, NodeRunState.WAITING);
        }
    }

    void set(String nodeId, NodeRunState state) {
        NodeView n = node(nodeId);
        if (n.state() != state) {
            n.stateProperty().set(state);
            stateSequence.add(new StateChange(nodeId, state));
        }
    }

    void stream(String nodeId, String text) {
        node(nodeId).appendStream(text);
        console.stream(nodeId, node(nodeId).streamedTextProperty().get());
    }

    /** A line for the console that is not an engine event (e.g. the audit database is being upgraded); FX thread. */
    public void note(String text) {
        line("note: " + text);
    }

    void line(String text) {
        console.line(text);
    }

    /** The node shows red with the cause shortened on its badge; the full text is its error and in the console. */
    void failed(String nodeId, String cause, long atMs) {
        NodeView n = node(nodeId);
        n.errorProperty().set(cause);
        set(nodeId, NodeRunState.FAILED);
        n.badgeProperty().set(RunError.badgeFor(cause));
        timeline.callFailed(nodeId, atMs);
    }

    /** Milliseconds since the run started, the timeline's clock. */
    long ms(Instant t) {
        return startedAt == null ? 0 : Math.max(0, t.toEpochMilli() - startedAt.toEpochMilli());
    }

    /** A copy of the state sequence, for assertions. */
    public List<StateChange> stateSequenceCopy() {
        return new ArrayList<>(stateSequence);
    }
}
