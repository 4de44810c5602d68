package dev.baton.engine;

import dev.baton.engine.step.RetryReason;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.JudgeStrategy;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.baton.engine.ScriptedModel.userText;
import static org.assertj.core.api.Assertions.assertThat;

class JudgeStepTest {

    /** start → a, b, c in parallel → judge → out; optional verifier "v" with no edges. */
    private static Flow join(JudgeSpec spec) {
        return Flows.flow().agent("a").agent("b").agent("c").agent("v")
                .node(AgentNode.of("judge", NodeKind.JUDGE, "Judge").withJudge(spec))
                .next("start", "a").next("start", "b").next("start", "c")
                .next("a", "judge").next("b", "judge").next("c", "judge")
                .next("judge", "out", ContextPolicy.LAST).build();
    }

    private static ScriptedModel answers(String a, String b, String c) {
        return new ScriptedModel().answer("a", a).answer("b", b).answer("c", c);
    }

    @Test
    void llmJudgePicksAWinnerWithARationale() throws Exception {
        ScriptedModel model = answers("Paris", "Lyon", "Nice")
                .answer("judge", "{\"winner\": \"b\", \"rationale\": \"b cites a source\"}");
        Runs.Outcome o = Runs.run(model, join(JudgeSpec.of(JudgeStrategy.LLM_JUDGE)), "capital?");

        assertThat(o.result().output()).isEqualTo("Lyon");
        assertThat(userText(model.requestsOf("judge").get(0))).contains("[a] a:\nParis").contains("[c] c:\nNice");
        assertThat(o.events(RunEvent.JudgeDecision.class)).singleElement().satisfies(d -> {
            assertThat(d.strategy()).isEqualTo("LLM_JUDGE");
            assertThat(d.inputsConsidered()).containsExactly("a", "b", "c");
            assertThat(d.winner()).isEqualTo("b");
            assertThat(d.rationale()).isEqualTo("b cites a source");
        });
    }

    @Test
    void llmJudgeCanMerge() throws Exception {
        ScriptedModel model = answers("x", "y", "z")
                .answer("judge", "{\"winner\": \"merge\", \"output\": \"x and y\", \"rationale\": \"both partial\"}");
        Runs.Outcome o = Runs.run(model, join(JudgeSpec.of(JudgeStrategy.LLM_JUDGE)), "q");

        assertThat(o.result().output()).isEqualTo("x and y");
        assertThat(o.events(RunEvent.JudgeDecision.class).get(0).winner()).isEqualTo("merge");
    }

    @Test
    void llmJudgeNamingAnUnknownWinnerFailsTheRun() throws Exception {
        ScriptedModel model = answers("x", "y", "z").answer("judge", "{\"winner\": \"q\"}");
        Runs.Outcome o = Runs.run(model, join(JudgeSpec.of(JudgeStrategy.LLM_JUDGE)), "q");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("judge");
    }

    @Test
    void llmJudgeWhoseReplyIsNotJsonIsAskedOnceMoreThenFails() throws Exception {
        ScriptedModel model = answers("x", "y", "z").on("judge", (r, n) -> ScriptedModel.text(n == 1
                ? "I pick b" : "{\"winner\": \"b\", \"rationale\": \"second try\"}"));
        Runs.Outcome o = Runs.run(model, join(JudgeSpec.of(JudgeStrategy.LLM_JUDGE)), "q");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.result().output()).isEqualTo("y");
        assertThat(o.events(RunEvent.Retried.class)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RetryReason.FORMAT);
            assertThat(r.cause()).contains("no JSON object");
        });

        ScriptedModel stubborn = answers("x", "y", "z").answer("judge", "I pick b");
        Runs.Outcome failed = Runs.run(stubborn, join(JudgeSpec.of(JudgeStrategy.LLM_JUDGE)), "q");
        assertThat(failed.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.result().cause()).contains("did not answer a JSON decision").contains("asked twice");
        assertThat(stubborn.requestsOf("judge")).hasSize(2);
    }

    @Test
    void majorityVoteTakesTheAnswerMostInputsAgreeOn() throws Exception {
        ScriptedModel model = answers("Paris.", "Lyon", "paris");
        Runs.Outcome o = Runs.run(model, join(JudgeSpec.of(JudgeStrategy.MAJORITY_VOTE)), "capital?");

        assertThat(o.result().output()).isEqualTo("Paris.");
        assertThat(o.events(RunEvent.JudgeDecision.class).get(0).rationale()).contains("2 of 3");
        assertThat(model.requestsOf("judge")).isEmpty();
    }

    @Test
    void majorityVoteBreaksTiesByTrust() throws Exception {
        ScriptedModel model = answers("one", "two", "three");
        JudgeSpec spec = new JudgeSpec(JudgeStrategy.MAJORITY_VOTE, Map.of("c", 0.9, "a", 0.2), null);
        Runs.Outcome o = Runs.run(model, join(spec), "q");

        assertThat(o.result().output()).isEqualTo("three");
    }

    @Test
    void trustRankingTakesTheMostTrustedSource() throws Exception {
        ScriptedModel model = answers("one", "two", "three");
        JudgeSpec spec = new JudgeSpec(JudgeStrategy.TRUST_RANKING, Map.of("a", 0.5, "b", 0.8, "c", 0.1), null);
        Runs.Outcome o = Runs.run(model, join(spec), "q");

        assertThat(o.result().output()).isEqualTo("two");
        assertThat(o.events(RunEvent.JudgeDecision.class).get(0).winner()).isEqualTo("b");
    }

    @Test
    void reVerifySendsContradictionsToTheVerifier() throws Exception {
        ScriptedModel model = answers("water boils at 100C", "water boils at 90C", "water boils at 100C")
                .answer("v", "{\"winner\": \"c\", \"rationale\": \"at sea level\"}");
        Runs.Outcome o = Runs.run(model, join(new JudgeSpec(JudgeStrategy.RE_VERIFY, Map.of(), "v")), "q");

        assertThat(o.result().output()).isEqualTo("water boils at 100C");
        assertThat(userText(model.requestsOf("v").get(0))).contains("contradict").contains("[b] b:\nwater boils at 90C");
        assertThat(o.events(RunEvent.JudgeDecision.class).get(0).rationale()).contains("at sea level");
    }

    @Test
    void reVerifySkipsTheVerifierWhenAllAgree() throws Exception {
        ScriptedModel model = answers("yes", "Yes", "yes!");
        Runs.Outcome o = Runs.run(model, join(new JudgeSpec(JudgeStrategy.RE_VERIFY, Map.of(), "v")), "q");

        assertThat(o.result().output()).isEqualTo("yes");
        assertThat(model.requestsOf("v")).isEmpty();
    }

    @Test
    void simulatedJudgeAnswersAValidDecision() throws Exception {
        Runs.Outcome o = Runs.run(new dev.baton.engine.model.simulated.SimulatedProvider(
                dev.baton.engine.model.simulated.SimulatedModel.Settings.DEFAULT), join(JudgeSpec.of(JudgeStrategy.LLM_JUDGE)),
                "Which city is best for a weekend trip?");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.JudgeDecision.class).get(0).winner()).isIn("a", "b", "c");
    }
}
