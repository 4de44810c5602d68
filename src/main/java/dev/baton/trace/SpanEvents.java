package dev.baton.trace;

import dev.baton.engine.RunEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.List;

/**
 * The events that become span events rather than spans: outcomes (critic verdicts, judge decisions) and moments
 * (retries, handoffs not followed, questions to a person, limits, warnings), each on the span of the node concerned.
 */
final class SpanEvents {

    private SpanEvents() {
    }

    static void add(RunEvent e, RunTraceBuilder trace) {
        if (e instanceof RunEvent.CriticVerdict v) {
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
        } else if (e instanceof RunEvent.JudgeDecision j) {
            OpenSpan span = trace.activationOrRoot(j.nodeId());
            span.put("baton.judge.strategy", j.strategy()).put("baton.judge.winner", j.winner());
            span.event("baton.judge.decision", j.time(), RunTraceBuilder.seq(Attributes.builder()
                    .put("baton.judge.strategy", text(trace, j.strategy())).put("baton.judge.winner", text(trace, j.winner()))
                    .put(AttributeKey.stringArrayKey("baton.judge.inputs"), texts(trace, j.inputsConsidered()))
                    .put("baton.judge.rationale", text(trace, j.rationale())), j));
        } else if (e instanceof RunEvent.Retried r) {
            trace.activationOrRoot(r.nodeId()).event("baton.retry", r.time(), RunTraceBuilder.seq(Attributes.builder()
                    .put("baton.retry.reason", text(trace, r.reason())).put("baton.attempt", r.attempt())
                    .put("baton.retry.delay_ms", r.delayMs()).put("baton.retry.cause", text(trace, r.cause())), r));
        } else if (e instanceof RunEvent.HandoffIgnored h) {
            trace.activationOrRoot(h.from()).event("baton.handoff_ignored", h.time(), RunTraceBuilder.seq(
                    Attributes.builder().put("baton.handoff.to", text(trace, h.to()))
                            .put("baton.handoff.reason", text(trace, h.reason())).put("baton.handoff.why", text(trace, h.why())), h));
        } else if (e instanceof RunEvent.HumanInputRequested q) {
            trace.activationOrRoot(q.nodeId()).event("baton.human_input.requested", q.time(), RunTraceBuilder.seq(
                    Attributes.builder().put("baton.human_input.request_id", text(trace, q.requestId()))
                            .put("baton.human_input.question", text(trace, q.question())), q));
        } else if (e instanceof RunEvent.HumanInputReceived a) {
            trace.activationOrRoot(a.nodeId()).event("baton.human_input.received", a.time(), RunTraceBuilder.seq(
                    Attributes.builder().put("baton.human_input.request_id", text(trace, a.requestId())), a));
        } else if (e instanceof RunEvent.LimitReached l) {
            trace.activationOrRoot("").event("baton.limit_reached", l.time(), RunTraceBuilder.seq(Attributes.builder()
                    .put("baton.limit", text(trace, l.limit())).put("baton.limit.detail", text(trace, l.detail()))
                    .put(GenAi.AGENT_ID, text(trace, l.nodeId())), l));
        } else if (e instanceof RunEvent.RunWarning w) {
            trace.activationOrRoot("").event("baton.warning", w.time(), RunTraceBuilder.seq(Attributes.builder()
                    .put("baton.warning.message", text(trace, w.message())).put(GenAi.AGENT_ID, text(trace, w.nodeId())), w));
        }
        // TokenChunk and kinds added later carry nothing a trace shows
    }

    private static String text(RunTraceBuilder trace, String s) {
        return trace.redact(s);
    }

    private static List<String> texts(RunTraceBuilder trace, List<String> list) {
        return list == null ? List.of() : list.stream().map(trace::redact).toList();
    }
}
