package dev.baton.temporal;

import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelReply;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import dev.baton.testing.StubProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's retry-after on Temporal, as on the embedded engine: asking for longer than the run waits out (60 s)
 * fails the call at once and says so, instead of four attempts that each hit the same limit; a short one is retried.
 * The worker used to drop the provider's retry-after and let Temporal's own backoff retry every time.
 */
class TemporalRetryAfterTest {

    @TempDir
    Path dir;

    private static Flow oneAgent() throws Exception {
        return FlowJson.read("""
                {"format": "baton.flow/1", "id": "one", "name": "One agent",
                 "defaultModel": {"provider": "openai", "name": "gpt-4o-mini"},
                 "nodes": [
                  {"id": "start", "kind": "START", "name": "Start", "position": {"x": 0, "y": 0}},
                  {"id": "explainer", "kind": "AGENT", "name": "Explainer", "role": "Explains",
                   "position": {"x": 200, "y": 0}},
                  {"id": "out", "kind": "OUTPUT", "name": "Out", "position": {"x": 400, "y": 0}}],
                 "edges": [
                  {"id": "e1", "kind": "NEXT", "from": "start", "to": "explainer"},
                  {"id": "e2", "kind": "NEXT", "from": "explainer", "to": "out"}]}
                """).flow();
    }

    private Wire.RunOutcome run(Duration retryAfter, AtomicInteger calls) throws Exception {
        try (TestTemporal t = TestTemporal.start(dir, "retry-after", null, StubProviders.answering((request, sink) -> {
            if (calls.incrementAndGet() == 1) {
                throw new ModelException(ModelException.Kind.RATE_LIMITED, 429,
                        "Rate limit reached for requests per day", null, retryAfter);
            }
            return new ModelReply("Tides follow the moon.", List.of(), 5, 5, true, "stub", "stub", false);
        }))) {
            String runId = TemporalRuns.newRunId();
            t.runs.start(runId, oneAgent(), "Why tides?", true);
            return t.runs.follow(runId, e -> { }, Duration.ofMillis(50));
        }
    }

    @Test
    void aRetryAfterOfAnHourFailsTheCallAtOnceSayingSo() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Wire.RunOutcome outcome = run(Duration.ofHours(1), calls);
        assertThat(outcome.status()).isEqualTo("FAILED");
        assertThat(outcome.cause()).contains("Rate limit reached for requests per day")
                .contains("asks to wait 3600 s");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void aShortRetryAfterIsRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Wire.RunOutcome outcome = run(Duration.ofSeconds(1), calls);
        assertThat(outcome.status()).as(outcome.cause()).isEqualTo("SUCCEEDED");
        assertThat(outcome.output()).contains("Tides follow the moon.");
        assertThat(calls.get()).isEqualTo(2);
    }
}
