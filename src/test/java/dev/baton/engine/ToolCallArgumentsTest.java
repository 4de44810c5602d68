package dev.baton.engine;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.ToolCall;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.engine.ScriptedModel.text;
import static dev.baton.engine.ScriptedModel.tools;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arguments of a reply's calls, parsed once by the engine for the policy and the runner: text that is not JSON
 * and JSON that misses the schema each come back to the model as their own error, in call order, beside a good call
 * of the same reply (the first two run on the tool threads, the last on the agent's), and the model's next request
 * holds the results after its own call message.
 */
class ToolCallArgumentsTest {

    @Test
    void notJsonAndWrongTypeAreErrorsTheModelReadsBesideAGoodCallOfTheSameReply() throws Exception {
        ScriptedModel model = new ScriptedModel().on("calc", (r, n) -> n > 1 ? text("done") : tools(
                new ToolCall("a", "calculator", Map.of(), "{not json"),
                new ToolCall("b", "calculator", Map.of("expression", "5"), "{\"expression\":5}"),
                new ToolCall("c", "calculator", Map.of("expression", "2+2"), "{\"expression\":\"2+2\"}")));
        Flow flow = Flows.flow().node(AgentNode.of("calc", NodeKind.AGENT, "Calc").withRole("adds up")
                        .withModel(new ModelRef("openai", "stub", null, null)).withTools(List.of("calculator")))
                .chain("calc").build().withTools(ToolSettings.NONE);

        Runs.Outcome o = Runs.run(model, flow, RunRequest.of("go"));
        List<ModelRequest> seen = model.requestsOf("calc");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        List<RunEvent.ToolCallFinished> done = o.events(RunEvent.ToolCallFinished.class);
        assertThat(done).extracting(RunEvent.ToolCallFinished::callId).containsExactly("a", "b", "c");
        assertThat(done).extracting(RunEvent.ToolCallFinished::error).containsExactly(true, true, false);
        assertThat(done.get(0).content()).startsWith("the arguments are not valid JSON");
        assertThat(done.get(1).content()).startsWith("invalid arguments:").contains("string");
        assertThat(done.get(2).content()).isEqualTo("4");
        assertThat(o.events(RunEvent.ToolCallRequested.class)).extracting(RunEvent.ToolCallRequested::argumentsJson)
                .containsExactly("{not json", "{\"expression\":5}", "{\"expression\":\"2+2\"}");

        List<ChatMessage> second = seen.get(1).messages();
        assertThat(second).hasSize(6); // system, user, the calls, three results
        assertThat(second.subList(3, 6)).extracting(m -> ((ChatMessage.ToolResult) m).text())
                .satisfiesExactly(t -> assertThat(t).startsWith("Error: the arguments are not valid JSON"),
                        t -> assertThat(t).startsWith("Error: invalid arguments:"),
                        t -> assertThat(t).isEqualTo("4"));
        // the first request was a snapshot taken before the loop went on: it still holds two messages
        assertThat(seen.get(0).messages()).hasSize(2);
        List<RunEvent.ModelRequested> asked = o.events(RunEvent.ModelRequested.class);
        assertThat(asked).extracting(e -> e.prompt().size()).containsExactly(2, 6);
        assertThat(asked.get(1).prompt().get(2).text()).isEqualTo("[tool call] calculator {}\n"
                + "[tool call] calculator {expression=5}\n[tool call] calculator {expression=2+2}");
    }
}
