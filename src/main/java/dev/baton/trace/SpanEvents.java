package dev.baton.trace;

import dev.baton.engine.RunEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.List;

/**
 * What each event type does to a run's trace: the span-opening and span-closing ones call into
 * {@link RunTraceBuilder}; the ones that become span events rather than spans are written here: outcomes (critic
 * verdicts, judge decisions) and moments (retries, handoffs not followed, questions to a person, limits, warnings),
 * each on the span of the node concerned.
 */
final class SpanEvents implements RunEvent.Handler<Void> {

    private final RunTraceBuilder trace;

    SpanEvents(RunTraceBuilder trace) {
        this.trace = trace;
    }

    @Override
    public Void on(RunEvent.RunStarted e) {
        return null; // the root span was opened from the first event, whichever it is
    }

    @Override
    public Void on(RunEvent.AgentStarted e) {
        trace.agentStarted(e);
        return null;
    }

    @Override
    public Void on(RunEvent.ContextPassed e) {
        trace.contextPassed(e);
        return null;
    }

    @Override
    public Void on(RunEvent.ModelRequested e) {
        trace.modelRequested(e);
        return null;
    }

    @Override
    public Void on(RunEvent.ModelResponded e) {
        trace.modelResponded(e);
        return null;
    }

    @Override
    public Void on(RunEvent.TokenChunk e) {
        return null; // carries nothing a trace shows
    }

    @Override
    public Void on(RunEvent.ToolCalled e) {
        trace.toolCalled(e);
        return null;
    }

    @Override
    public Void on(RunEvent.ToolCallRequested e) {
        return null; // carries nothing a trace shows
    }

    @Override
    public Void on(RunEvent.ToolCallFinished e) {
        return null; // carries nothing a trace shows
    }

    @Override
    public Void on(RunEvent.ToolApprovalRequested e) {
        return null; // carries nothing a trace shows
    }

    @Override
    public Void on(RunEvent.ToolApprovalAnswered e) {
        return null; // carries nothing a trace shows
    }

    @Override
    public Void on(RunEvent.Handoff e) {
        trace.handoff(e);
        return null;
    }

    @Override
    public Void on(RunEvent.HandoffIgnored h) {
        trace.activationOrRoot(h.from()).event("baton.handoff_ignored", h.time(), RunTraceBuilder.seq(
                Attributes.builder().put("baton.handoff.to", text(trace, h.to()))
                        .put("baton.handoff.reason", text(trace, h.reason())).put("baton.handoff.why", text(trace, h.why())), h));
        return null;
    }

    @Override
    public Void on(RunEvent.Delegated e) {
        trace.delegated(e);
        return null;
    }

    @Override
    public Void on(RunEvent.DelegationReturned e) {
        trace.delegationReturned(e);
        return null;
    }

    @Override
    public Void on(RunEvent.WorkerFailureHandled e) {
        return null; // carries nothing a trace shows
    }

    @Override
    public Void on(RunEvent.CriticVerdict v) {
        OpenSpan span = trace.activation(v.nodeId());
        if (span == null) {
            span = trace.review(v.nodeId(), v); // a critic of checks only: no model call opened its review
        }
        span.put("baton.review.of", v.reviewedNode()).put("baton.critic.pass", v.pass());
        span.event("baton.critic.verdict", v.time(), RunTraceBuilder.seq(Attributes.builder()
                .put("baton.critic.pass", v.pass()).put("baton.critic.reviewed_node", text(trace, v.reviewedNode()))
                .put("baton.critic.feedback", text(trace, v.feedback()))
                .put(AttributeKey.stringArrayKey("baton.critic.failed_checks"), texts(trace, v.failedChecks()))
                .put("baton.attempt", v.attempt()).put("baton.edge.id", text(trace, v.edgeId())), v));
        trace.endReview(span, v, v.pass());
        return null;
    }

    @Override
    public Void on(RunEvent.Retried r) {
        trace.activationOrRoot(r.nodeId()).event("baton.retry", r.time(), RunTraceBuilder.seq(Attributes.builder()
                .put("baton.retry.reason", text(trace, r.reason().name())).put("baton.attempt", r.attempt())
                .put("baton.retry.delay_ms", r.delayMs()).put("baton.retry.cause", text(trace, r.cause())), r));
        return null;
    }

    @Override
    public Void on(RunEvent.JudgeDecision j) {
        OpenSpan span = trace.activationOrRoot(j.nodeId());
        span.put("baton.judge.strategy", j.strategy()).put("baton.judge.winner", j.winner());
        span.event("baton.judge.decision", j.time(), RunTraceBuilder.seq(Attributes.builder()
                .put("baton.judge.strategy", text(trace, j.strategy())).put("baton.judge.winner", text(trace, j.winner()))
                .put(AttributeKey.stringArrayKey("baton.judge.inputs"), texts(trace, j.inputsConsidered()))
                .put("baton.judge.rationale", text(trace, j.rationale())), j));
        return null;
    }

    @Override
    public Void on(RunEvent.RouteDecision e) {
        return null; // carries nothing a trace shows
    }

    @Override
    public Void on(RunEvent.HumanInputRequested q) {
        trace.activationOrRoot(q.nodeId()).event("baton.human_input.requested", q.time(), RunTraceBuilder.seq(
                Attributes.builder().put("baton.human_input.request_id", text(trace, q.requestId()))
                        .put("baton.human_input.question", text(trace, q.question())), q));
        return null;
    }

    @Override
    public Void on(RunEvent.HumanInputReceived a) {
        trace.activationOrRoot(a.nodeId()).event("baton.human_input.received", a.time(), RunTraceBuilder.seq(
                Attributes.builder().put("baton.human_input.request_id", text(trace, a.requestId())), a));
        return null;
    }

    @Override
    public Void on(RunEvent.LimitReached l) {
        trace.activationOrRoot("").event("baton.limit_reached", l.time(), RunTraceBuilder.seq(Attributes.builder()
                .put("baton.limit", text(trace, l.limit())).put("baton.limit.detail", text(trace, l.detail()))
                .put(GenAi.AGENT_ID, text(trace, l.nodeId())), l));
        return null;
    }

    @Override
    public Void on(RunEvent.AgentFinished e) {
        trace.agentFinished(e);
        return null;
    }

    @Override
    public Void on(RunEvent.AgentFailed e) {
        trace.agentFailed(e);
        return null;
    }

    @Override
    public Void on(RunEvent.RunWarning w) {
        trace.activationOrRoot("").event("baton.warning", w.time(), RunTraceBuilder.seq(Attributes.builder()
                .put("baton.warning.message", text(trace, w.message())).put(GenAi.AGENT_ID, text(trace, w.nodeId())), w));
        return null;
    }

    @Override
    public Void on(RunEvent.RunFinished e) {
        trace.runFinished(e);
        return null;
    }

    @Override
    public Void on(RunEvent.RunFailed e) {
        trace.runFailed(e);
        return null;
    }

    @Override
    public Void on(RunEvent.RunCancelled e) {
        trace.runCancelled(e);
        return null;
    }

    private static String text(RunTraceBuilder trace, String s) {
        return trace.redact(s);
    }

    private static List<String> texts(RunTraceBuilder trace, List<String> list) {
        return list == null ? List.of() : list.stream().map(trace::redact).toList();
    }
}
