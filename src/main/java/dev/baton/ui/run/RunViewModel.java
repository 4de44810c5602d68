package dev.baton.ui.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
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

    /** Console lines kept; older ones scroll away. */
    static final int MAX_CONSOLE_LINES = 2_000;

    private final Flow flow;
    private final Map<String, NodeView> nodes = new LinkedHashMap<>();
    private final Map<String, EdgeView> edges = new LinkedHashMap<>();
    private final ObjectProperty<RunPhase> phase = new SimpleObjectProperty<>(this, "phase", RunPhase.NOT_STARTED);
    private final StringProperty runId = new SimpleStringProperty(this, "runId", "");
    private final StringProperty statusDetail = new SimpleStringProperty(this, "statusDetail", "");
    private final StringProperty finalOutput = new SimpleStringProperty(this, "finalOutput", "");
    private final StringProperty providers = new SimpleStringProperty(this, "providers", "");
    private final BooleanProperty simulated = new SimpleBooleanProperty(this, "simulated");
    private final LongProperty tokensUsed = new SimpleLongProperty(this, "tokensUsed");
    private final LongProperty tokenBudget = new SimpleLongProperty(this, "tokenBudget");
    private final DoubleProperty budgetFraction = new SimpleDoubleProperty(this, "budgetFraction");
    private final DoubleProperty usdPerMillionTokens = new SimpleDoubleProperty(this, "usdPerMillionTokens");
    private final DoubleProperty costUsd = new SimpleDoubleProperty(this, "costUsd");
    private final ObjectProperty<HumanPrompt> pendingHuman = new SimpleObjectProperty<>(this, "pendingHuman");
    private final ObjectProperty<BreakpointHit> breakpoint = new SimpleObjectProperty<>(this, "breakpoint");
    private final ObservableList<String> console = FXCollections.observableArrayList();
    private final ObservableList<StateChange> stateSequence = FXCollections.observableArrayList();
    private final RunTimeline timeline = new RunTimeline();
    private BiPredicate<String, String> humanAnswerer = (id, text) -> false;
    private Instant startedAt;
    /** Console index of each node's growing stream line in its current activation. */
    private final Map<String, Integer> streamLines = new java.util.HashMap<>();

    /** @param flow the flow being run (its nodes, edges and token budget); null when only events are known */
    public RunViewModel(Flow flow) {
        this.flow = flow;
        if (flow != null) {
            flow.nodes().forEach(n -> nodes.put(n.id(), new NodeView(n.id())));
            flow.edges().forEach(e -> edges.put(e.id(), new EdgeView(e.id())));
            Long budget = flow.limits().tokenBudget();
            tokenBudget.set(budget == null ? 0 : budget);
        }
        usdPerMillionTokens.addListener((o, a, b) -> updateMeter());
    }

    /** The view of a node; created on first use for a node the flow does not list (replays without the flow). */
    public NodeView node(String nodeId) {
        return nodes.computeIfAbsent(nodeId, NodeView::new);
    }

    public EdgeView edge(String edgeId) {
        return edges.computeIfAbsent(edgeId, EdgeView::new);
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

    public LongProperty tokensUsedProperty() {
        return tokensUsed;
    }

    /** The flow's token budget; 0 without one. */
    public LongProperty tokenBudgetProperty() {
        return tokenBudget;
    }

    /** Tokens used over the budget (0 without a budget); above 1 means over budget. */
    public DoubleProperty budgetFractionProperty() {
        return budgetFraction;
    }

    /** The price the cost meter assumes; 0 (the simulated model is free) until someone sets it. */
    public DoubleProperty usdPerMillionTokensProperty() {
        return usdPerMillionTokens;
    }

    public DoubleProperty costUsdProperty() {
        return costUsd;
    }

    /** The question the run waits on, or null. */
    public ObjectProperty<HumanPrompt> pendingHumanProperty() {
        return pendingHuman;
    }

    /** The breakpoint the run is held at, or null. */
    public ObjectProperty<BreakpointHit> breakpointProperty() {
        return breakpoint;
    }

    public ObservableList<String> console() {
        return console;
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
        if (event instanceof RunEvent.RunStarted e) {
            started(e);
        } else if (event instanceof RunEvent.ContextPassed e) {
            waiting(e.nodeId());
            edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.CONTEXT, e.fromNode(), e.nodeId(), e.mode(),
                    e.context(), e.seq()));
        } else if (event instanceof RunEvent.AgentStarted e) {
            NodeView n = node(e.nodeId());
            n.startActivation(e.attempt());
            streamLines.remove(e.nodeId());
            set(e.nodeId(), NodeRunState.RUNNING);
            n.badgeProperty().set(e.attempt() > 1 ? "running · attempt " + e.attempt() : "running");
            line("> " + e.nodeId() + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "") + " started");
        } else if (event instanceof RunEvent.ModelRequested e) {
            // a critic's rubric call is the only sign of it running: it has no AgentStarted
            if (node(e.nodeId()).state() != NodeRunState.RUNNING) {
                set(e.nodeId(), NodeRunState.RUNNING);
            }
            timeline.callStarted(e.nodeId(), ms(e.time()), e.turn());
        } else if (event instanceof RunEvent.ModelResponded e) {
            timeline.callEnded(e.nodeId(), ms(e.time()));
            tokensUsed.set(tokensUsed.get() + e.inputTokens() + e.outputTokens());
            updateMeter();
        } else if (event instanceof RunEvent.TokenChunk e) {
            stream(e.nodeId(), e.text());
        } else if (event instanceof RunEvent.ToolCalled e) {
            line("  " + e.nodeId() + " calls " + e.tool());
        } else if (event instanceof RunEvent.Handoff e) {
            waiting(e.to());
            edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.HANDOFF, e.from(), e.to(), e.contextMode(),
                    e.context(), e.seq()));
            timeline.arrow(e.from(), e.to(), ms(e.time()), EdgeSignal.Kind.HANDOFF);
            line("-> handoff " + e.from() + " -> " + e.to() + " (" + e.contextMode() + ")"
                    + (e.reason().isBlank() ? "" : ": " + e.reason()));
        } else if (event instanceof RunEvent.HandoffIgnored e) {
            line("   ignored handoff " + e.from() + " -> " + e.to() + ": " + e.why());
        } else if (event instanceof RunEvent.Delegated e) {
            waiting(e.worker());
            edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.DELEGATION, e.supervisor(), e.worker(), "",
                    e.instruction(), e.seq()));
            timeline.arrow(e.supervisor(), e.worker(), ms(e.time()), EdgeSignal.Kind.DELEGATION);
            line("=> " + e.supervisor() + " delegates to " + e.worker());
        } else if (event instanceof RunEvent.DelegationReturned e) {
            edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.RETURN, e.worker(), e.supervisor(), "",
                    e.output(), e.seq()));
            timeline.arrow(e.worker(), e.supervisor(), ms(e.time()), EdgeSignal.Kind.RETURN);
        } else if (event instanceof RunEvent.CriticVerdict e) {
            verdict(e);
        } else if (event instanceof RunEvent.Retried e) {
            node(e.nodeId()).badgeProperty().set("retry " + e.attempt() + " (" + e.reason().toLowerCase() + ")");
            line("   " + e.nodeId() + " retries (" + e.reason() + ")" + (e.cause().isBlank() ? "" : ": "
                    + e.cause()));
        } else if (event instanceof RunEvent.JudgeDecision e) {
            judged(e);
        } else if (event instanceof RunEvent.HumanInputRequested e) {
            // the node is not working any more: it waits for a person
            set(e.nodeId(), NodeRunState.WAITING);
            node(e.nodeId()).badgeProperty().set("asks you");
            pendingHuman.set(new HumanPrompt(e.requestId(), e.nodeId(), e.question(), e.context()));
            line("?  " + e.nodeId() + " asks: " + e.question());
        } else if (event instanceof RunEvent.HumanInputReceived e) {
            HumanPrompt p = pendingHuman.get();
            if (p != null && p.requestId().equals(e.requestId())) {
                pendingHuman.set(null);
            }
            set(e.nodeId(), NodeRunState.RUNNING);
            line("   answered: " + e.answer());
        } else if (event instanceof RunEvent.LimitReached e) {
            line("!! limit " + e.limit() + ": " + e.detail());
        } else if (event instanceof RunEvent.AgentFinished e) {
            NodeView n = node(e.nodeId());
            streamLines.remove(e.nodeId());
            n.finish(e.output(), e.inputTokens(), e.outputTokens(), e.latencyMs());
            set(e.nodeId(), NodeRunState.DONE);
            n.badgeProperty().set(doneBadge(e));
            line("< " + e.nodeId() + " done (" + (e.inputTokens() + e.outputTokens()) + " tok, "
                    + e.latencyMs() + " ms)");
        } else if (event instanceof RunEvent.AgentFailed e) {
            NodeView n = node(e.nodeId());
            n.errorProperty().set(e.cause());
            set(e.nodeId(), NodeRunState.FAILED);
            n.badgeProperty().set("failed");
            line("x " + e.nodeId() + " failed: " + e.cause());
        } else if (event instanceof RunEvent.RunWarning e) {
            line("!  " + e.message());
        } else if (event instanceof RunEvent.RunFinished e) {
            finalOutput.set(e.output());
            ended(RunPhase.SUCCEEDED, "", e.time(), e.totals());
        } else if (event instanceof RunEvent.RunFailed e) {
            if (!e.nodeId().isBlank() && node(e.nodeId()).state() != NodeRunState.FAILED) {
                node(e.nodeId()).errorProperty().set(e.cause());
                set(e.nodeId(), NodeRunState.FAILED);
            }
            ended("LIMIT_REACHED".equals(e.status()) ? RunPhase.LIMIT_REACHED : RunPhase.FAILED, e.cause(),
                    e.time(), e.totals());
        } else if (event instanceof RunEvent.RunCancelled e) {
            ended(RunPhase.CANCELLED, e.reason(), e.time(), e.totals());
        }
    }

    private void started(RunEvent.RunStarted e) {
        startedAt = e.time();
        runId.set(e.runId());
        simulated.set(e.simulated());
        providers.set(String.join(", ", e.providers()));
        phase.set(RunPhase.RUNNING);
        timeline.clear();
        line("Run " + e.runId() + " of " + e.flowName() + (e.simulated() ? " [simulated]" : "") + " on "
                + String.join(", ", e.providers()));
    }

    private void verdict(RunEvent.CriticVerdict e) {
        set(e.nodeId(), NodeRunState.DONE);
        node(e.nodeId()).badgeProperty().set(e.pass() ? "passed" : "rejected");
        EdgeView review = edge(e.edgeId());
        review.rejectedProperty().set(!e.pass());
        // a rejection travels back from the critic to the producer; an approval is drawn along the edge too
        review.signal(new EdgeSignal(e.pass() ? EdgeSignal.Kind.APPROVAL : EdgeSignal.Kind.REJECTION, e.nodeId(),
                e.reviewedNode(), "", e.feedback(), e.seq()));
        if (!e.pass()) {
            node(e.reviewedNode()).badgeProperty().set("rejected");
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

    private void ended(RunPhase how, String detail, Instant at, RunTotals totals) {
        // nothing runs any more: no node may keep glowing
        for (NodeView n : nodes.values()) {
            if (n.state() == NodeRunState.RUNNING || n.state() == NodeRunState.WAITING) {
                set(n.nodeId(), NodeRunState.IDLE);
            }
        }
        pendingHuman.set(null);
        breakpoint.set(null);
        timeline.closeAll(ms(at));
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
        // one growing line per streaming node and activation, updated in place even when parallel workers
        // interleave their chunks (a line per chunk would flood the console and repeat text)
        String tail = node(nodeId).streamedTextProperty().get();
        String shown = "~ " + nodeId + ": " + (tail.length() > 200 ? "…" + tail.substring(tail.length() - 200) : tail)
                .replace('\n', ' ');
        Integer at = streamLines.get(nodeId);
        if (at != null && at < console.size()) {
            console.set(at, shown);
        } else {
            line(shown);
            streamLines.put(nodeId, console.size() - 1);
        }
    }

    private void line(String text) {
        console.add(text);
        // trimmed a tenth at a time: removing the first line on every new one would shift a list view per event
        if (console.size() > MAX_CONSOLE_LINES + MAX_CONSOLE_LINES / 10) {
            int removed = console.size() - MAX_CONSOLE_LINES;
            console.remove(0, removed);
            streamLines.replaceAll((node, index) -> index - removed);
            streamLines.values().removeIf(index -> index < 0);
        }
    }

    private void updateMeter() {
        long used = tokensUsed.get();
        long budget = tokenBudget.get();
        budgetFraction.set(budget <= 0 ? 0 : (double) used / budget);
        costUsd.set(used * usdPerMillionTokens.get() / 1_000_000.0);
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
