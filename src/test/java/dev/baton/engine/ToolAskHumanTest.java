package dev.baton.engine;

import dev.baton.engine.model.ToolCall;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The ask_human tool: answered through the run's human-input gate; without one, an error result, not a failure. */
class ToolAskHumanTest {

    private static ScriptedModel asks() {
        return new ScriptedModel().on("clerk", (r, n) -> n == 1
                ? ScriptedModel.tools(new ToolCall("h1", "ask_human", Map.of(),
                        "{\"question\":\"Which invoice do you mean?\"}"))
                : ScriptedModel.text("the person said: " + ToolApprovalTest.lastToolText(r.messages())));
    }

    private static Flow flow() {
        AgentNode clerk = AgentNode.of("clerk", NodeKind.AGENT, "Clerk").withRole("clerk")
                .withTools(List.of("ask_human"));
        return Flows.flow().node(clerk).chain("clerk").build();
    }

    @Test
    void theQuestionGoesThroughTheHumanInputGateAndTheAnswerBackToTheModel() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        Runs.Outcome o = Runs.run(asks(), flow(), RunRequest.of("x").withHumanInput((id, node, q, ctx) -> {
            asked.add(node + ": " + q);
            return "INV-7";
        }));

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(asked).containsExactly("clerk: Which invoice do you mean?");
        assertThat(o.result().output()).contains("the person said: INV-7");
        assertThat(o.events(RunEvent.HumanInputRequested.class)).singleElement()
                .satisfies(e -> assertThat(e.question()).isEqualTo("Which invoice do you mean?"));
        assertThat(o.events(RunEvent.ToolCallFinished.class)).singleElement()
                .satisfies(e -> assertThat(e.error()).isFalse());
    }

    @Test
    void withoutHumanInputTheModelReadsAnErrorAndTheRunGoesOn() throws Exception {
        Runs.Outcome o = Runs.run(asks(), flow(), RunRequest.of("x").withoutHumanInput());

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.ToolCallFinished done = o.events(RunEvent.ToolCallFinished.class).get(0);
        assertThat(done.error()).isTrue();
        assertThat(done.content()).contains("human input is disabled");
        assertThat(o.result().output()).contains("Error: ").contains("--no-input");
    }
}
