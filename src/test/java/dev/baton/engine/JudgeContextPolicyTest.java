package dev.baton.engine;

import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.JudgeStrategy;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.engine.ScriptedModel.userText;
import static org.assertj.core.api.Assertions.assertThat;

/** A judge weighs what its FIELDS edges pass, not the raw outputs; the audit's ContextPassed says the same. */
class JudgeContextPolicyTest {

    private static final ContextPolicy VERDICT_ONLY = new ContextPolicy(ContextMode.FIELDS, List.of("verdict"), null);

    /** start → legal, finance → judge (FIELDS verdict) → after (FULL) → out; verifier "v" for RE_VERIFY. */
    private static Flow flow(JudgeSpec spec) {
        return Flows.flow().agent("legal").agent("finance").agent("v").agent("after")
                .node(AgentNode.of("judge", NodeKind.JUDGE, "Judge").withJudge(spec))
                .next("start", "legal").next("start", "finance")
                .next("legal", "judge", VERDICT_ONLY).next("finance", "judge", VERDICT_ONLY)
                .next("judge", "after").next("after", "out", ContextPolicy.LAST).build();
    }

    private static ScriptedModel model() {
        return new ScriptedModel()
                .answer("legal", "{\"verdict\": \"sign\", \"internal\": \"LEGAL-PRIVATE-NOTE\"}")
                .answer("finance", "{\"verdict\": \"wait\", \"internal\": \"FINANCE-PRIVATE-NOTE\"}");
    }

    private static String allPrompts(ScriptedModel model) {
        StringBuilder sb = new StringBuilder();
        for (ModelRequest r : model.requests) {
            if (!r.nodeId().equals("legal") && !r.nodeId().equals("finance")) {
                sb.append(userText(r)).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void anLlmJudgeAndTheNodeAfterItSeeOnlyTheFieldsTheEdgesPass() throws Exception {
        ScriptedModel model = model().answer("judge", "{\"winner\": \"legal\", \"rationale\": \"cautious\"}");
        Runs.Outcome o = Runs.run(model, flow(JudgeSpec.of(JudgeStrategy.LLM_JUDGE)), "sign the contract?");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        List<RunEvent.ContextPassed> intoJudge = o.events(RunEvent.ContextPassed.class).stream()
                .filter(c -> c.nodeId().equals("judge")).toList();
        assertThat(intoJudge).hasSize(2);
        String judgePrompt = userText(model.requestsOf("judge").get(0));
        for (RunEvent.ContextPassed c : intoJudge) {
            assertThat(judgePrompt).contains(c.context());
        }
        assertThat(allPrompts(model)).doesNotContain("PRIVATE-NOTE");
        assertThat(o.events(RunEvent.JudgeDecision.class).get(0).output()).isEqualTo(intoJudge.get(0).context());
    }

    @Test
    void aReVerifyVerifierSeesOnlyTheFieldsTheEdgesPass() throws Exception {
        ScriptedModel model = model().answer("v", "{\"winner\": \"finance\", \"rationale\": \"checked\"}");
        Runs.Outcome o = Runs.run(model, flow(new JudgeSpec(JudgeStrategy.RE_VERIFY, Map.of(), "v")), "sign?");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        String verifierPrompt = userText(model.requestsOf("v").get(0));
        assertThat(verifierPrompt).contains("{\"verdict\":\"sign\"}").contains("{\"verdict\":\"wait\"}");
        assertThat(allPrompts(model)).doesNotContain("PRIVATE-NOTE");
        assertThat(o.result().output()).doesNotContain("PRIVATE-NOTE");
    }
}
