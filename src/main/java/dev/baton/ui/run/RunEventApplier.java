package dev.baton.ui.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunStatus;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;

/**
 * What each event type changes in a {@link RunViewModel}, one method per type so that none goes unnoticed; the
 * decisions (critic, judge, router) light and dim the edges they concern.
 */
final class RunEventApplier implements RunEvent.Handler<Void> {

    private final RunViewModel vm;
    private final Flow flow;
    private final NodeRecords records;
    private final RunToolCalls tools;
    private final ToolApprovals approvals;
    private final RunConsole console;

    RunEventApplier(RunViewModel vm, Flow flow, NodeRecords records, RunToolCalls tools, ToolApprovals approvals,
                    RunConsole console) {
        this.vm = vm;
        this.flow = flow;
        this.records = records;
        this.tools = tools;
        this.approvals = approvals;
        this.console = console;
    }

    /** Applies one event; call on the FX side, in sequence order. */
    void apply(RunEvent event) {
        vm.timeline().advance(vm.ms(event.time()));
        records.apply(event);
        if (tools.apply(event, vm.ms(event.time()))) {
            return;
        }
        event.accept(this);
    }

    @Override
    public Void on(RunEvent.RunStarted e) {
        vm.started(e);
        return null;
    }

    @Override
    public Void on(RunEvent.AgentStarted e) {
        NodeView n = vm.node(e.nodeId());
        n.startActivation(e.attempt());
        console.endStream(e.nodeId());
        vm.set(e.nodeId(), NodeRunState.RUNNING);
        n.badgeProperty().set(e.attempt() > 1 ? "running · attempt " + e.attempt() : "running");
        vm.line("> " + e.nodeId() + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "") + " started");
        return null;
    }

    @Override
    public Void on(RunEvent.ContextPassed e) {
        vm.waiting(e.nodeId());
        vm.edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.CONTEXT, e.fromNode(), e.nodeId(), e.mode().name(),
                e.context(), e.seq()));
        return null;
    }

    @Override
    public Void on(RunEvent.ModelRequested e) {
        // a critic's rubric call is the only sign of it running: it has no AgentStarted
        if (vm.node(e.nodeId()).state() != NodeRunState.RUNNING) {
            vm.set(e.nodeId(), NodeRunState.RUNNING);
        }
        vm.timeline().callStarted(e.nodeId(), vm.ms(e.time()), e.turn());
        return null;
    }

    @Override
    public Void on(RunEvent.ModelResponded e) {
        vm.timeline().callEnded(e.nodeId(), vm.ms(e.time()), e.inputTokens(), e.outputTokens(), e.latencyMs(),
                e.costUsd(), e.provider() + "/" + e.model());
        vm.meter().add(e);
        return null;
    }

    @Override
    public Void on(RunEvent.TokenChunk e) {
        vm.stream(e.nodeId(), e.text());
        return null;
    }

    @Override
    public Void on(RunEvent.ToolCalled e) {
        vm.line("  " + e.nodeId() + " calls " + e.tool());
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
        vm.set(e.nodeId(), NodeRunState.WAITING);
        vm.node(e.nodeId()).badgeProperty().set("approve " + e.tool() + "?");
        vm.node(e.nodeId()).awaitingApprovalProperty().set(true);
        approvals.requested(new ToolApprovalPrompt(e.requestId(), e.nodeId(), e.tool(), e.server(),
                e.argumentsJson()));
        vm.line("?  " + e.nodeId() + " wants to call " + e.tool() + ": waiting for your approval");
        return null;
    }

    @Override
    public Void on(RunEvent.ToolApprovalAnswered e) {
        if (!e.requestId().isEmpty()) {
            approvals.answered(e.requestId());
            boolean more = approvals.waitsFor(e.nodeId());
            vm.node(e.nodeId()).awaitingApprovalProperty().set(more);
            if (!more) {
                vm.node(e.nodeId()).badgeProperty().set("");
                vm.set(e.nodeId(), NodeRunState.RUNNING);
            }
        }
        vm.line("   " + e.tool() + ": " + e.decision().replace('_', ' ') + " by " + e.by()
                + (e.reason().isBlank() ? "" : " (" + e.reason() + ")"));
        return null;
    }

    @Override
    public Void on(RunEvent.Handoff e) {
        vm.waiting(e.to());
        vm.edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.HANDOFF, e.from(), e.to(), e.contextMode().name(),
                e.context(), e.seq()));
        vm.timeline().arrow(e.from(), e.to(), vm.ms(e.time()), EdgeSignal.Kind.HANDOFF, contextOf(e.edgeId(),
                e.contextMode().name()));
        vm.line("-> handoff " + e.from() + " -> " + e.to() + " (" + e.contextMode() + ")"
                + (e.reason().isBlank() ? "" : ": " + e.reason()));
        return null;
    }

    @Override
    public Void on(RunEvent.HandoffIgnored e) {
        vm.line("   ignored handoff " + e.from() + " -> " + e.to() + ": " + e.why());
        return null;
    }

    @Override
    public Void on(RunEvent.Delegated e) {
        vm.waiting(e.worker());
        vm.edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.DELEGATION, e.supervisor(), e.worker(), "",
                e.instruction(), e.seq()));
        vm.timeline().arrow(e.supervisor(), e.worker(), vm.ms(e.time()), EdgeSignal.Kind.DELEGATION,
                contextOf(e.edgeId(), ""));
        vm.line("=> " + e.supervisor() + " delegates to " + e.worker());
        return null;
    }

    @Override
    public Void on(RunEvent.DelegationReturned e) {
        vm.edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.RETURN, e.worker(), e.supervisor(), "",
                e.output(), e.seq()));
        vm.timeline().arrow(e.worker(), e.supervisor(), vm.ms(e.time()), EdgeSignal.Kind.RETURN, "");
        return null;
    }

    @Override
    public Void on(RunEvent.WorkerFailureHandled e) {
        vm.line("   " + e.supervisor() + " after " + e.worker() + " failed: " + e.action()
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
        vm.node(e.nodeId()).badgeProperty().set("retry " + e.attempt() + " ("
                + e.reason().name().toLowerCase(java.util.Locale.ROOT) + ")");
        vm.line("   " + e.nodeId() + " retries (" + e.reason() + ")" + (e.cause().isBlank() ? "" : ": "
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
        vm.set(e.nodeId(), NodeRunState.WAITING);
        vm.node(e.nodeId()).badgeProperty().set("asks you");
        vm.pendingHumanProperty().set(new HumanPrompt(e.requestId(), e.nodeId(), e.question(), e.context()));
        vm.line("?  " + e.nodeId() + " asks: " + e.question());
        return null;
    }

    @Override
    public Void on(RunEvent.HumanInputReceived e) {
        HumanPrompt p = vm.pendingHumanProperty().get();
        if (p != null && p.requestId().equals(e.requestId())) {
            vm.pendingHumanProperty().set(null);
        }
        vm.set(e.nodeId(), NodeRunState.RUNNING);
        vm.line("   answered: " + e.answer());
        return null;
    }

    @Override
    public Void on(RunEvent.LimitReached e) {
        vm.line("!! limit " + e.limit() + ": " + e.detail());
        return null;
    }

    @Override
    public Void on(RunEvent.AgentFinished e) {
        NodeView n = vm.node(e.nodeId());
        console.endStream(e.nodeId());
        n.finish(e.output(), e.inputTokens(), e.outputTokens(), e.latencyMs());
        vm.set(e.nodeId(), NodeRunState.DONE);
        n.badgeProperty().set(doneBadge(e));
        vm.timeline().activationEnded(e.nodeId(), vm.ms(e.time()), e.latencyMs(), e.waitedMs());
        vm.line("< " + e.nodeId() + " done (" + (e.inputTokens() + e.outputTokens()) + " tok, "
                + e.latencyMs() + " ms" + (e.waitedMs() > 0 ? ", waited " + e.waitedMs() + " ms" : "") + ")");
        return null;
    }

    @Override
    public Void on(RunEvent.AgentFailed e) {
        vm.failed(e.nodeId(), e.cause(), vm.ms(e.time()));
        if (vm.errorProperty().get() == null) {
            vm.errorProperty().set(new RunError(e.nodeId(), vm.nameOf(e.nodeId()), e.cause(), false));
        }
        vm.line("x " + e.nodeId() + " failed: " + e.cause());
        return null;
    }

    @Override
    public Void on(RunEvent.RunWarning e) {
        vm.line("!  " + e.message());
        return null;
    }

    @Override
    public Void on(RunEvent.RunFinished e) {
        vm.finalOutputProperty().set(e.output());
        vm.ended(RunPhase.SUCCEEDED, "", e.time(), e.totals());
        return null;
    }

    @Override
    public Void on(RunEvent.RunFailed e) {
        boolean limit = e.status() == RunStatus.LIMIT_REACHED;
        if (!e.nodeId().isBlank() && vm.node(e.nodeId()).state() != NodeRunState.FAILED) {
            vm.failed(e.nodeId(), e.cause(), vm.ms(e.time()));
        }
        // the first node's failure carries the provider's message; a limit is its own reason
        if (vm.errorProperty().get() == null || limit) {
            vm.errorProperty().set(new RunError(e.nodeId(), e.nodeId().isBlank() ? "" : vm.nameOf(e.nodeId()),
                    e.cause(), limit));
        }
        vm.ended(limit ? RunPhase.LIMIT_REACHED : RunPhase.FAILED, e.cause(),
                e.time(), e.totals());
        return null;
    }

    @Override
    public Void on(RunEvent.RunCancelled e) {
        vm.ended(RunPhase.CANCELLED, e.reason(), e.time(), e.totals());
        return null;
    }

    private void verdict(RunEvent.CriticVerdict e) {
        vm.set(e.nodeId(), NodeRunState.DONE);
        vm.node(e.nodeId()).badgeProperty().set(e.pass() ? "passed" : "rejected");
        EdgeActivity review = vm.edge(e.edgeId());
        review.rejectedProperty().set(!e.pass());
        // a rejection travels back from the critic to the producer; an approval is drawn along the edge too
        review.signal(new EdgeSignal(e.pass() ? EdgeSignal.Kind.APPROVAL : EdgeSignal.Kind.REJECTION, e.nodeId(),
                e.reviewedNode(), "", e.feedback(), e.seq()));
        if (!e.pass()) {
            vm.node(e.reviewedNode()).badgeProperty().set("rejected");
            vm.timeline().arrow(e.nodeId(), e.reviewedNode(), vm.ms(e.time()), EdgeSignal.Kind.REJECTION, "");
        }
        vm.line((e.pass() ? "ok " : "xx ") + e.nodeId() + (e.pass() ? " passes " : " rejects ") + e.reviewedNode()
                + (e.pass() ? "" : ": " + e.feedback()));
    }

    private void judged(RunEvent.JudgeDecision e) {
        NodeView judge = vm.node(e.nodeId());
        judge.decisionProperty().set(new JudgeOutcome(e.strategy(), e.inputsConsidered(), e.winner(),
                e.rationale()));
        if (flow != null) {
            for (Edge in : flow.edges()) {
                if (in.kind() == EdgeKind.NEXT && in.to().equals(e.nodeId())) {
                    boolean won = in.from().equals(e.winner());
                    vm.edge(in.id()).chosenProperty().set(won);
                    if (won) {
                        vm.edge(in.id()).signal(new EdgeSignal(EdgeSignal.Kind.CHOSEN, in.from(), e.nodeId(), "",
                                e.rationale(), e.seq()));
                    }
                }
            }
        }
        vm.line("== " + e.nodeId() + " (" + e.strategy() + ") chose " + e.winner() + ": " + e.rationale());
    }

    /** A router decided: the route taken lights, the routes not taken dim, the timeline shows the move. */
    private void routed(RunEvent.RouteDecision e) {
        if (flow != null) {
            for (Edge out : flow.edges()) {
                if (out.kind() == EdgeKind.ROUTE && out.from().equals(e.nodeId())) {
                    vm.edge(out.id()).routedProperty().set(out.id().equals(e.edgeId()));
                }
            }
        }
        vm.edge(e.edgeId()).signal(new EdgeSignal(EdgeSignal.Kind.CHOSEN, e.nodeId(), e.target(), "", e.reason(),
                e.seq()));
        vm.node(e.nodeId()).badgeProperty().set("→ " + vm.nameOf(e.target()));
        vm.timeline().arrow(e.nodeId(), e.target(), vm.ms(e.time()), EdgeSignal.Kind.CHOSEN, e.reason());
        vm.line("=> " + e.nodeId() + " (" + e.mode().name().toLowerCase(java.util.Locale.ROOT) + ") routes to "
                + e.target() + ": " + e.reason());
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

    private static String doneBadge(RunEvent.AgentFinished e) {
        int tokens = e.inputTokens() + e.outputTokens();
        return tokens == 0 ? "done" : "done · " + tokens + " tok · " + e.latencyMs() + " ms";
    }
}
