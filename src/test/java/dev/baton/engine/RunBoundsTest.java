package dev.baton.engine;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowBounds;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ReviewPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.baton.engine.ScriptedModel.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What the engine does with flows whose numbers or texts are extreme (built in code, or older than the validator's
 * bounds): time arithmetic saturates instead of overflowing, no text grows past its cap, and a regex that backtracks
 * for ever is stopped within its time.
 */
class RunBoundsTest {

    private static Flow reviewed(Check check) {
        return Flows.flow().agent("writer")
                .node(AgentNode.of("critic", NodeKind.CRITIC, "Critic").withCritic(new CriticSpec(null, List.of(check))))
                .next("start", "writer").next("writer", "out", ContextPolicy.LAST)
                .edge(Edge.reviews("r1", "critic", "writer", ReviewPolicy.DEFAULT)).build();
    }

    @Test
    void aDeadlineAndATimeoutOfLongMaxSecondsRunLikeNoLimit() throws Exception {
        Flow flow = Flows.flow().chain("a", "b").agentTimeout(Duration.ofSeconds(Long.MAX_VALUE))
                .deadline(Duration.ofSeconds(Long.MAX_VALUE)).build();
        Runs.Outcome o = Runs.run(new ScriptedModel(), flow, "go");

        assertThat(o.result().cause()).isEmpty();
        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.result().output()).endsWith("output of b");
        // and the blocking form, which waits the deadline plus a minute
        RunResult r = Runs.runner(new ScriptedModel()).run(flow, RunRequest.of("go"));
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void saturatingArithmeticNeverWrapsIntoThePast() {
        assertThat(Saturating.nanos(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Saturating.MAX_NANOS);
        assertThat(Saturating.nanos(Duration.ofSeconds(-5))).isZero();
        assertThat(Saturating.nanos(Duration.ofMillis(1500))).isEqualTo(1_500_000_000L);
        long now = Long.MAX_VALUE - 10; // System.nanoTime() may be anywhere in the long range
        assertThat(Saturating.deadline(now, Duration.ofSeconds(Long.MAX_VALUE)) - now).isPositive();
        assertThat(Saturating.millis(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE)))
                .isEqualTo(Saturating.MAX_NANOS / 1_000_000L);
    }

    @Test
    void aReplyOverTheCapStopsTheRunBeforeItReachesAnyEvent() throws Exception {
        String huge = "x".repeat(FlowBounds.MAX_OUTPUT_CHARS + 1);
        ScriptedModel model = new ScriptedModel().on("a", (r, n) -> text(huge));
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a").build(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.result().cause()).contains("1,000,001 characters", "1,000,000");
        assertThat(o.events(RunEvent.LimitReached.class)).singleElement()
                .satisfies(l -> assertThat(l.limit()).isEqualTo("textSize"));
        assertThat(o.all()).noneMatch(e -> e.toString().length() > FlowBounds.MAX_OUTPUT_CHARS);
    }

    @Test
    void anInputOverTheCapIsRefusedWithWhatToChange() throws Exception {
        String big = "y".repeat(FlowBounds.MAX_CONTEXT_CHARS / 3);
        ScriptedModel model = new ScriptedModel().on("a", (r, n) -> text(big.substring(0, FlowBounds.MAX_OUTPUT_CHARS)));
        // FULL context: b reads the request and a's output, c the request, a's and b's: past the cap on one text
        Runs.Outcome o = Runs.run(model.on("b", (r, n) -> text(big.substring(0, FlowBounds.MAX_OUTPUT_CHARS))),
                Flows.flow().chain("a", "b", "c").build(), big + big);

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.result().cause()).contains("more than the 4,000,000", "LAST or SUMMARY");
    }

    @Test
    void aBacktrackingRegexIsStoppedAndFailsTheRunWithTheReason() {
        // an input the pattern cannot match: every way of cutting 40 a's into 25 groups is tried
        Runs.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Runs.run(
                new ScriptedModel().answer("writer", "a".repeat(40) + "b"), reviewed(new Check.Regex("(.*a){25}!")),
                "go"));

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("critic");
        assertThat(o.result().cause()).contains("gave up after 100,000,000 character reads", "simplify the pattern");
    }

    @Test
    void aBacktrackingPatternInsideAJsonSchemaIsStoppedToo() {
        Check schema = new Check.JsonSchema("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\","
                + "\"pattern\":\"(.*a){25}!\"}}}");
        Runs.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Runs.run(
                new ScriptedModel().answer("writer", "{\"a\": \"" + "a".repeat(40) + "\"}"), reviewed(schema), "go"));

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().cause()).contains("gave up after");
    }

    @Test
    void aQuickRegexStillDecides() throws Exception {
        Runs.Outcome o = Runs.run(new ScriptedModel().answer("writer", "# Title\nbody"),
                reviewed(new Check.Regex("(?m)^# .+")), "go");
        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    }
}
