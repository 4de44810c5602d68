package dev.baton.flow;

import static dev.baton.flow.TestFlows.chain;
import static dev.baton.flow.TestFlows.judge;
import static dev.baton.flow.TestFlows.none;
import static dev.baton.flow.TestFlows.single;
import static dev.baton.flow.TestFlows.supervisor;
import static dev.baton.flow.TestFlows.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Critics, judges, humans, review and context policies, model references and limits. */
class FlowValidatorSpecTest {

    private static Flow withChecks(Check... checks) {
        return supervisor().updateNode("check", n -> n.withCritic(new CriticSpec(null, List.of(checks))));
    }

    private static Flow withLimits(int turns, Integer handoffs, int retries, Duration timeout, Duration deadline,
                                   Long budget) {
        return chain().withLimits(new Limits(turns, handoffs, retries, timeout, deadline, budget));
    }

    // ---- critics -------------------------------------------------------------------------------------------

    @Test
    void aCriticMustReviewSomething() {
        Problem p = single(supervisor().removeEdge("r1"), "critic-reviews-nothing");
        assertThat(p.pointer()).isEqualTo("/nodes/4");
        assertThat(p.message()).contains("critic 'check' (Checker)", "REVIEWS");
        none(supervisor(), "critic-reviews-nothing");
    }

    @Test
    void aCriticMustCheckSomething() {
        assertThat(single(withChecks(), "critic-checks-nothing").pointer()).isEqualTo("/nodes/4/critic");
        single(supervisor().updateNode("check", n -> n.withCritic(null)), "critic-checks-nothing");
        none(withChecks(new Check.Length(1, null)), "critic-checks-nothing");
    }

    @Test
    void regexChecksMustCompile() {
        Problem p = single(withChecks(new Check.Regex("ok"), new Check.Regex("(unclosed")), "invalid-regex");
        assertThat(p.pointer()).isEqualTo("/nodes/4/critic/checks/1/pattern");
        assertThat(p.message()).contains("check #2 (regex)", "does not compile");
        none(withChecks(new Check.Regex("(?m)^# .+")), "invalid-regex");
    }

    @Test
    void lengthBoundsMustBeOrderedAndNonNegative() {
        assertThat(single(withChecks(new Check.Length(10, 5)), "invalid-length").pointer())
                .isEqualTo("/nodes/4/critic/checks/0");
        assertThat(withCode(withChecks(new Check.Length(-1, -2)), "invalid-length")).extracting(Problem::pointer)
                .containsExactly("/nodes/4/critic/checks/0/min", "/nodes/4/critic/checks/0/max",
                        "/nodes/4/critic/checks/0");
        none(withChecks(new Check.Length(0, 0), new Check.Length(null, 3)), "invalid-length");
    }

    @Test
    void mustContainNeedsPhrases() {
        single(withChecks(new Check.MustContain(List.of())), "must-contain-empty");
        single(withChecks(new Check.MustContain(List.of("Summary", " "))), "must-contain-empty");
        none(withChecks(new Check.MustContain(List.of("Summary"))), "must-contain-empty");
    }

    // ---- review and context policies -----------------------------------------------------------------------

    @Test
    void reviewsEdgesCarryAReviewPolicyAndNoContext() {
        Edge bare = Edge.reviews("r1", "check", "legal", null);
        assertThat(single(supervisor().replaceEdge(bare), "review-policy-missing").pointer())
                .isEqualTo("/edges/3/review");
        Edge withContext = Edge.reviews("r1", "check", "legal", ReviewPolicy.DEFAULT).withContext(ContextPolicy.LAST);
        assertThat(single(supervisor().replaceEdge(withContext), "review-edge-with-context").pointer())
                .isEqualTo("/edges/3/context");
        none(supervisor(), "review-policy-missing");
        none(supervisor(), "review-edge-with-context");
    }

    @Test
    void workEdgesCarryNoReviewPolicy() {
        Problem p = single(chain().replaceEdge(Edge.next("e2", "writer", "out").withReview(ReviewPolicy.DEFAULT)),
                "work-edge-with-review");
        assertThat(p.pointer()).isEqualTo("/edges/1/review");
        none(chain(), "work-edge-with-review");
    }

    @Test
    void reviewRetriesAreBoundedByTheLimit() {
        Flow negative = supervisor().replaceEdge(
                Edge.reviews("r1", "check", "legal", new ReviewPolicy(-1, OnExhausted.FAIL)));
        assertThat(single(negative, "review-retries-invalid").pointer()).isEqualTo("/edges/3/review/maxRetries");
        Flow tooMany = supervisor().replaceEdge(
                Edge.reviews("r1", "check", "legal", new ReviewPolicy(4, OnExhausted.ASK_HUMAN)));
        assertThat(single(tooMany, "review-retries-above-limit").message()).contains("4 retries", "is 3");
        Flow atLimit = supervisor().replaceEdge(
                Edge.reviews("r1", "check", "legal", new ReviewPolicy(3, OnExhausted.ASK_HUMAN)));
        none(atLimit, "review-retries-above-limit");
        none(atLimit, "review-retries-invalid");
    }

    @Test
    void fieldsContextNamesFields() {
        Edge noFields = Edge.next("e2", "writer", "out").withContext(ContextPolicy.of(ContextMode.FIELDS));
        assertThat(single(chain().replaceEdge(noFields), "context-fields-empty").pointer())
                .isEqualTo("/edges/1/context/fields");
        Edge fields = noFields.withContext(new ContextPolicy(ContextMode.FIELDS, List.of("summary"), null));
        none(chain().replaceEdge(fields), "context-fields-empty");
    }

    @Test
    void contextTokenBudgetIsPositive() {
        Edge zero = Edge.next("e2", "writer", "out").withContext(new ContextPolicy(ContextMode.SUMMARY, null, 0));
        assertThat(single(chain().replaceEdge(zero), "context-token-budget-invalid").pointer())
                .isEqualTo("/edges/1/context/tokenBudget");
        Edge some = zero.withContext(new ContextPolicy(ContextMode.SUMMARY, null, 500));
        none(chain().replaceEdge(some), "context-token-budget-invalid");
    }

    // ---- judges and humans ---------------------------------------------------------------------------------

    @Test
    void aJudgeNeedsASpec() {
        assertThat(single(judge().updateNode("judge", n -> n.withJudge(null)), "judge-missing-spec").pointer())
                .isEqualTo("/nodes/3/judge");
        none(judge(), "judge-missing-spec");
    }

    @Test
    void aJudgeWithOneInputIsWarnedAbout() {
        Problem p = single(judge().removeEdge("e4"), "judge-too-few-inputs");
        assertThat(p.isError()).isFalse();
        assertThat(p.message()).contains("1 incoming NEXT edge;");
        none(judge(), "judge-too-few-inputs");
    }

    private static Flow verifiedBy(String verifierId) {
        return judge().updateNode("judge",
                n -> n.withJudge(new JudgeSpec(JudgeStrategy.RE_VERIFY, Map.of(), verifierId)));
    }

    @Test
    void reVerifyNamesAVerifierAgentWithoutEdges() {
        assertThat(single(verifiedBy(null), "judge-missing-verifier").pointer()).isEqualTo("/nodes/3/judge/verifierId");
        assertThat(single(verifiedBy("ghost"), "judge-verifier-not-agent").message()).contains("not a node");
        assertThat(single(verifiedBy("out"), "judge-verifier-not-agent").message()).contains("not an AGENT");
        Flow wired = judge().addEdge(Edge.next("e6", "verifier", "judge"));
        assertThat(single(wired, "judge-verifier-has-edges").message()).contains("has 1 edge;");
        for (String code : List.of("judge-missing-verifier", "judge-verifier-not-agent", "judge-verifier-has-edges")) {
            none(judge(), code);
        }
        // other strategies need no verifier
        none(judge().updateNode("judge", n -> n.withJudge(JudgeSpec.of(JudgeStrategy.MAJORITY_VOTE))),
                "judge-missing-verifier");
    }

    @Test
    void trustScoresNameNodesAndLieBetweenZeroAndOne() {
        Flow flow = judge().updateNode("judge", n -> n.withJudge(new JudgeSpec(JudgeStrategy.TRUST_RANKING,
                Map.of("legal", 1.5, "a/b", 0.5), null)));
        assertThat(single(flow, "judge-unknown-trust-key").pointer()).isEqualTo("/nodes/3/judge/trust/a~1b");
        assertThat(single(flow, "judge-trust-out-of-range").message()).contains("'legal' with 1.5");
        Flow nan = judge().updateNode("judge", n -> n.withJudge(new JudgeSpec(JudgeStrategy.TRUST_RANKING,
                Map.of("legal", Double.NaN), null)));
        single(nan, "judge-trust-out-of-range");
        none(judge(), "judge-unknown-trust-key");
        none(judge(), "judge-trust-out-of-range");
    }

    @Test
    void aHumanStepAsksAQuestion() {
        Flow flow = chain().addNode(AgentNode.of("ask", NodeKind.HUMAN, "Approval"))
                .addEdge(Edge.next("e3", "writer", "ask")).addEdge(Edge.next("e4", "ask", "out"));
        Problem p = single(flow, "human-empty-question");
        assertThat(p.isError()).isFalse();
        assertThat(p.pointer()).isEqualTo("/nodes/3/instructions");
        none(flow.updateNode("ask", n -> n.withInstructions("Publish this draft?")), "human-empty-question");
    }

    // ---- models --------------------------------------------------------------------------------------------

    @Test
    void modelProvidersMustBeKnown() {
        Problem p = single(chain().withDefaultModel(new ModelRef("openia", "gpt-4o", null, null)),
                "model-unknown-provider");
        assertThat(p.pointer()).isEqualTo("/defaultModel/provider");
        assertThat(p.message()).contains("'openia'",
                "anthropic, gemini, ollama, openai, openai-compatible, simulated");
        Flow override = chain().updateNode("writer", n -> n.withModel(new ModelRef("x", "y", null, null)));
        assertThat(single(override, "model-unknown-provider").pointer()).isEqualTo("/nodes/1/model/provider");
        none(chain().withDefaultModel(new ModelRef("openai", "gpt-4o-mini", null, 0.2)), "model-unknown-provider");
    }

    @Test
    void modelNamesAreNotEmpty() {
        assertThat(single(chain().withDefaultModel(new ModelRef("openai", " ", null, null)), "model-empty-name")
                .pointer()).isEqualTo("/defaultModel/name");
        none(chain(), "model-empty-name");
    }

    @Test
    void aModelNameOfAnotherProviderIsAWarning() {
        Problem p = single(chain().withDefaultModel(new ModelRef("openai", "sim-1", null, null)),
                "model-name-other-provider");
        assertThat(p.isError()).isFalse();
        assertThat(p.pointer()).isEqualTo("/defaultModel/name");
        assertThat(p.message()).contains("'sim-1'", "simulated", "openai");
        Flow claudeOnOpenAi = chain().updateNode("writer",
                n -> n.withModel(new ModelRef("anthropic", "gpt-4o-mini", null, null)));
        assertThat(single(claudeOnOpenAi, "model-name-other-provider").pointer()).isEqualTo("/nodes/1/model/name");
        assertThat(single(chain().withDefaultModel(new ModelRef("ollama", "sim-1", null, null)),
                "model-name-other-provider").message()).contains("simulated");
        // a local server hosts any name, the simulated model answers to any label, and right names are right
        none(chain().withDefaultModel(new ModelRef("ollama", "gpt-oss:20b", null, null)),
                "model-name-other-provider");
        none(chain().withDefaultModel(new ModelRef("simulated", "gpt-4o", null, null)), "model-name-other-provider");
        none(chain().withDefaultModel(new ModelRef("openai", "gpt-4o-mini", null, null)),
                "model-name-other-provider");
        none(chain().withDefaultModel(new ModelRef("anthropic", "claude-sonnet-4-5", null, null)),
                "model-name-other-provider");
        none(chain(), "model-name-other-provider");
    }

    @Test
    void openAiCompatibleNeedsABaseUrl() {
        Flow flow = chain().updateNode("writer", n -> n.withModel(new ModelRef("openai-compatible", "m", null, null)));
        assertThat(single(flow, "model-missing-base-url").pointer()).isEqualTo("/nodes/1/model/baseUrl");
        none(chain().updateNode("writer",
                n -> n.withModel(new ModelRef("openai-compatible", "m", "http://localhost:8000/v1", null))),
                "model-missing-base-url");
    }

    @Test
    void temperatureLiesBetweenZeroAndTwo() {
        for (double t : new double[] {-0.1, 2.01, Double.NaN}) {
            single(chain().withDefaultModel(new ModelRef("openai", "m", null, t)), "model-temperature-out-of-range");
        }
        for (double t : new double[] {0, 2}) {
            none(chain().withDefaultModel(new ModelRef("openai", "m", null, t)), "model-temperature-out-of-range");
        }
    }

    // ---- limits --------------------------------------------------------------------------------------------

    @Test
    void limitsArePositiveOrAtLeastZero() {
        Flow flow = withLimits(0, -1, -1, Duration.ZERO, Duration.ofSeconds(-5), 0L);
        assertThat(withCode(flow, "invalid-limit")).extracting(Problem::pointer).containsExactly(
                "/limits/maxTurnsPerAgent", "/limits/maxHandoffs", "/limits/maxCriticRetries",
                "/limits/agentTimeoutSeconds", "/limits/runDeadlineSeconds", "/limits/tokenBudget");
        none(withLimits(1, 0, 0, Duration.ofSeconds(1), Duration.ofSeconds(1), 1L), "invalid-limit");
        none(withLimits(1, null, 0, Duration.ofSeconds(1), Duration.ofSeconds(1), null), "invalid-limit");
    }
}
