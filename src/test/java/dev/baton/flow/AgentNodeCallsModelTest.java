package dev.baton.flow;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which nodes call a model when they run: by kind, and by the router's mode, critic's rubric, judge's strategy. */
class AgentNodeCallsModelTest {

    @Test
    void byKindAndBySettings() {
        assertThat(AgentNode.of("a", NodeKind.AGENT, "A").callsModel()).isTrue();
        assertThat(AgentNode.of("s", NodeKind.SUPERVISOR, "S").callsModel()).isTrue();
        for (NodeKind k : List.of(NodeKind.START, NodeKind.OUTPUT, NodeKind.HUMAN)) {
            assertThat(AgentNode.of("x", k, "X").callsModel()).as(k.name()).isFalse();
        }
        AgentNode router = AgentNode.of("r", NodeKind.ROUTER, "R");
        assertThat(router.withRouter(new RouterSpec(RouterMode.LLM)).callsModel()).isTrue();
        assertThat(router.withRouter(new RouterSpec(RouterMode.RULE)).callsModel()).isFalse();
        AgentNode critic = AgentNode.of("c", NodeKind.CRITIC, "C");
        assertThat(critic.callsModel()).as("checks only").isFalse();
        assertThat(critic.withCritic(new CriticSpec("Is it polite?", List.of())).callsModel()).isTrue();
        assertThat(critic.withCritic(new CriticSpec("  ", List.of())).callsModel()).isFalse();
        AgentNode judge = AgentNode.of("j", NodeKind.JUDGE, "J");
        assertThat(judge.callsModel()).isTrue();
        assertThat(judge.withJudge(JudgeSpec.of(JudgeStrategy.MAJORITY_VOTE)).callsModel()).isFalse();
        assertThat(judge.withJudge(new JudgeSpec(JudgeStrategy.TRUST_RANKING, Map.of("a", 1.0), null)).callsModel())
                .isFalse();
        assertThat(judge.withJudge(new JudgeSpec(JudgeStrategy.RE_VERIFY, Map.of(), "a")).callsModel())
                .as("its verifier calls the model, not the judge").isFalse();
    }
}
