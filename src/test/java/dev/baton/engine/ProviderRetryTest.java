package dev.baton.engine;

import dev.baton.engine.model.ModelException;
import dev.baton.engine.step.RetryReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.baton.engine.ScriptedModel.text;
import static org.assertj.core.api.Assertions.assertThat;

class ProviderRetryTest {

    @Test
    void rateLimitedCallsAreRetriedWithBackoffThenSucceed() throws Exception {
        ScriptedModel model = new ScriptedModel().on("a", (r, n) -> {
            if (n <= 2) {
                throw new ModelException(ModelException.Kind.RATE_LIMITED, 429, "slow down", null);
            }
            return text("made it");
        });
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a").build(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.Retried.class)).hasSize(2).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(RetryReason.PROVIDER);
            assertThat(r.cause()).contains("RATE_LIMITED").contains("429").contains("slow down");
            assertThat(r.nodeId()).isEqualTo("a");
        });
        // base 1 ms doubling, jitter 50..100%: 1st delay ≤ 1 ms, 2nd ≤ 2 ms
        assertThat(o.events(RunEvent.Retried.class)).extracting(RunEvent.Retried::delayMs)
                .satisfies(d -> {
                    assertThat(d.get(0)).isBetween(0L, 1L);
                    assertThat(d.get(1)).isBetween(1L, 2L);
                });
        assertThat(o.events(RunEvent.ModelRequested.class)).hasSize(1);
    }

    @Test
    void retriesAreBoundedAndThenFailNamingTheNode() throws Exception {
        ScriptedModel model = new ScriptedModel().on("a", (r, n) -> {
            throw new ModelException(ModelException.Kind.SERVER_ERROR, 503, "overloaded", null);
        });
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a").build(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("a");
        assertThat(o.result().cause()).contains("after 4 attempts").contains("overloaded");
        assertThat(model.calls.get("a")).isEqualTo(RunnerOptions.DEFAULT.providerAttempts());
    }

    @Test
    void nonRetryableErrorsFailAtOnceWithTheProvidersMessage() throws Exception {
        ScriptedModel model = new ScriptedModel().on("a", (r, n) -> {
            throw new ModelException(ModelException.Kind.AUTHENTICATION, 401, "invalid api key", null);
        });
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a", "b").build(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("a");
        assertThat(o.result().cause()).contains("invalid api key").contains("AUTHENTICATION");
        assertThat(o.events(RunEvent.Retried.class)).isEmpty();
        assertThat(o.events(RunEvent.AgentFailed.class)).singleElement()
                .extracting(RunEvent.AgentFailed::nodeId).isEqualTo("a");
        assertThat(model.calls.get("a")).isEqualTo(1);
    }

    @Test
    void aProvidersRetryAfterIsTheLeastWaitBeforeTheRetry() throws Exception {
        ScriptedModel model = new ScriptedModel().on("a", (r, n) -> {
            if (n == 1) {
                throw new ModelException(ModelException.Kind.RATE_LIMITED, 429, "slow down", null,
                        Duration.ofMillis(400));
            }
            return text("made it");
        });
        long start = System.nanoTime();
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a").build(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        // the backoff alone would wait about a millisecond here
        assertThat(o.events(RunEvent.Retried.class)).singleElement()
                .satisfies(r -> {
                    assertThat(r.delayMs()).isEqualTo(400L);
                    assertThat(r.cause()).contains("slow down").contains("the provider asked to wait 400 ms");
                });
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aRetryAfterLongerThanTheLimitFailsAtOnceSayingHowLong() throws Exception {
        ScriptedModel model = new ScriptedModel().on("a", (r, n) -> {
            throw new ModelException(ModelException.Kind.RATE_LIMITED, 429, "quota exhausted", null,
                    Duration.ofHours(2));
        });
        long start = System.nanoTime();
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a").build(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().cause()).contains("quota exhausted").contains("asks to wait 7200 s")
                .contains("longer than 60 s");
        assertThat(o.events(RunEvent.Retried.class)).isEmpty();
        assertThat(model.calls.get("a")).isEqualTo(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @Test
    void cancelInterruptsABackoffWait() throws Exception {
        ScriptedModel model = new ScriptedModel().on("a", (r, n) -> {
            throw new ModelException(ModelException.Kind.TIMEOUT, "no answer");
        });
        FlowRunner runner = FlowRunner.create(model, RunnerOptions.DEFAULT.withBackoff(Duration.ofSeconds(30),
                Duration.ofSeconds(30)));
        EventRecorder rec = new EventRecorder();
        RunHandle h = runner.start(Flows.flow().chain("a").build(), RunRequest.of("go"), rec);
        while (rec.of(RunEvent.Retried.class).isEmpty()) {
            Thread.sleep(5);
        }
        h.cancel();
        assertThat(h.result().get(1, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELLED);
    }
}
