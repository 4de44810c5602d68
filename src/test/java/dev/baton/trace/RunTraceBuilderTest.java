package dev.baton.trace;

import dev.baton.flow.ContextMode;
import dev.baton.flow.NodeKind;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping from events to spans on hand-made event streams: what the sample flows do not show. */
class RunTraceBuilderTest {

    private static final String RUN = "run-01a24e81-4a6e-78c3-bc17-098f828f6c36";
    private static final String KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

    private final List<RunEvent> events = new ArrayList<>();

    private Instant t(long ms) {
        return T0.plusMillis(ms);
    }

    private long next() {
        return events.size() + 1;
    }

    @Test
    void aSwarmHandoffIsAToolSpanTheNextAgentLinksToAndKeysNeverLeave() throws Exception {
        events.add(new RunEvent.RunStarted(RUN, next(), t(0), "", "", "swarm", "Swarm", "in", true, List.of()));
        events.add(new RunEvent.AgentStarted(RUN, next(), t(1), "triage", "", NodeKind.AGENT, "Triage", "in", 1));
        events.add(new RunEvent.AgentFinished(RUN, next(), t(5), "triage", "", "out", 10, 2, 4));
        events.add(new RunEvent.Handoff(RUN, next(), t(6), "billing", "triage-to-billing", "triage", "billing",
                "the customer pasted api_key=" + KEY + " by mistake", ContextMode.LAST, "ctx", 1));
        events.add(new RunEvent.AgentStarted(RUN, next(), t(7), "billing", "", NodeKind.AGENT, "Billing", "in", 1));
        events.add(new RunEvent.CriticVerdict(RUN, next(), t(8), "checker", "e", "billing", false,
                "found " + KEY, List.of(), 1));
        events.add(new RunEvent.AgentFinished(RUN, next(), t(9), "billing", "", "out", 1, 1, 2));
        events.add(new RunEvent.RunFinished(RUN, next(), t(10), "billing", "", "out", new RunTotals(11, 3, 2, 10)));
        List<SpanData> spans = OtlpFile.spans(events, "test", dev.baton.secret.Redactor.shapesOnly());

        SpanData handoff = named(spans, "execute_tool handoff_to_billing");
        assertThat(handoff.getParentSpanId()).isEqualTo(named(spans, "run Swarm").getSpanId());
        assertThat(handoff.getAttributes().get(AttributeKey.stringKey("baton.handoff.reason")))
                .contains("[REDACTED]").doesNotContain(KEY);
        SpanData billing = named(spans, "invoke_agent Billing");
        assertThat(billing.getLinks()).singleElement().satisfies(l ->
                assertThat(l.getSpanContext().getSpanId()).isEqualTo(handoff.getSpanId()));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        OtlpFile.write(spans, json);
        assertThat(json.toString(StandardCharsets.UTF_8)).doesNotContain(KEY).contains("[REDACTED]")
                .contains("\"traceId\":\"01a24e814a6e78c3bc17098f828f6c36\"");
        // a critic's verdict lands on the critic's review span, which the verdict ends
        SpanData review = named(spans, "invoke_agent checker");
        assertThat(review.getEvents()).singleElement().satisfies(e ->
                assertThat(e.getName()).isEqualTo("baton.critic.verdict"));
    }

    @Test
    void aRunRecordedUpToACrashEndsItsOpenSpansAtTheLastEventAsIncomplete() {
        events.add(new RunEvent.RunStarted(RUN, next(), t(0), "", "", "chain", "Chain", "in", true, List.of()));
        events.add(new RunEvent.AgentStarted(RUN, next(), t(1), "writer", "", NodeKind.AGENT, "Writer", "in", 1));
        events.add(new RunEvent.ModelRequested(RUN, next(), t(2), "writer", "", 2, List.of("search"), 1, List.of()));
        events.add(new RunEvent.ModelResponded(RUN, next(), t(40), "writer", "", 100, 9, true, 38, "gemini",
                "gemini-2.5-pro", false, List.of("search"), "", 0.001));
        events.add(new RunEvent.ToolCalled(RUN, next(), t(41), "writer", "", "call_1", "search", Map.of("q", "x")));
        events.add(new RunEvent.ModelRequested(RUN, next(), t(50), "writer", "", 4, List.of("search"), 2, List.of()));
        List<SpanData> spans = OtlpFile.spans(events, "test", dev.baton.secret.Redactor.shapesOnly());

        assertThat(spans).hasSize(5);
        SpanData chat = named(spans, "chat gemini-2.5-pro");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("gcp.gemini");
        assertThat(chat.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("tool_calls");
        // the tool call ends when its result goes back to the model: at the next request
        SpanData tool = named(spans, "execute_tool search");
        assertThat(tool.getEndEpochNanos() - tool.getStartEpochNanos()).isEqualTo(9_000_000L);
        assertThat(tool.getParentSpanId()).isEqualTo(named(spans, "invoke_agent Writer").getSpanId());
        SpanData root = named(spans, "run Chain");
        assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(root.getEndEpochNanos()).isEqualTo(OpenSpan.nanos(t(50)));
        assertThat(named(spans, "chat").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void traceIdsComeFromTheRunIdAndSpanIdsFromEventNumbers() {
        assertThat(TraceIds.traceId(RUN)).isEqualTo("01a24e814a6e78c3bc17098f828f6c36");
        assertThat(TraceIds.traceId("not-a-uuid")).hasSize(32).isEqualTo(TraceIds.traceId("not-a-uuid"))
                .isNotEqualTo(TraceIds.traceId("other"));
        assertThat(TraceIds.spanId(74)).isEqualTo("000000000000004a");
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError(name + " not in " + spans.stream().map(SpanData::getName).toList()));
    }
}
