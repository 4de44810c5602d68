package dev.baton.engine;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.NodeToolSettings;
import dev.baton.flow.ToolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The tool loop of a plain agent, run through the real engine, tool runner and built-in tools. */
class ToolLoopTest {

    @TempDir
    Path workspace;

    /** Records every request the simulated model gets. */
    static final class Recording implements ModelProvider {
        final SimulatedProvider sim = new SimulatedProvider(SimulatedModel.Settings.DEFAULT);
        final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public String missingCredentials(dev.baton.flow.ModelRef ref) {
            return null;
        }

        @Override
        public AgentModel model(dev.baton.flow.ModelRef ref) {
            AgentModel inner = sim.model(ref);
            return (request, sink) -> {
                requests.add(request);
                return inner.chat(request, sink);
            };
        }
    }

    private static Flow flow(AgentNode agent, ToolSettings tools) {
        return Flows.flow().node(agent).chain(agent.id()).build().withTools(tools);
    }

    private static AgentNode analyst(String... tools) {
        return AgentNode.of("analyst", NodeKind.AGENT, "Analyst").withRole("financial analyst")
                .withTools(List.of(tools));
    }

    @Test
    void simulatedAgentCallsCalculatorAndReadFileInParallelThenAnswersWithTheResults() throws Exception {
        Files.writeString(workspace.resolve("invoices.csv"), "invoice,amount\nINV-7,1250\n");
        Recording provider = new Recording();
        Flow flow = flow(analyst("calculator", "read_file"), ToolSettings.NONE);

        Runs.Outcome o = Runs.run(provider, flow, RunRequest.of("Check invoices.csv and compute 1250 * 12 + 300")
                .withWorkspace(workspace));

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        List<RunEvent.ToolCallRequested> asked = o.events(RunEvent.ToolCallRequested.class);
        assertThat(asked).extracting(RunEvent.ToolCallRequested::tool).containsExactly("calculator", "read_file");
        assertThat(asked.get(0).argumentsJson()).isEqualTo("{\"expression\":\"1250 * 12 + 300\"}");
        assertThat(asked.get(1).argumentsJson()).isEqualTo("{\"path\":\"invoices.csv\"}");
        assertThat(asked).allSatisfy(a -> assertThat(a.nodeId()).isEqualTo("analyst"));
        List<RunEvent.ToolCallFinished> done = o.events(RunEvent.ToolCallFinished.class);
        assertThat(done).extracting(RunEvent.ToolCallFinished::error).containsExactly(false, false);
        assertThat(done.get(0).content()).contains("15300");
        assertThat(done.get(1).content()).contains("INV-7,1250");
        assertThat(done.get(1).bytes()).isEqualTo("invoice,amount\nINV-7,1250\n".length());

        // the first request offered the tools with their JSON-Schema parameters
        ModelRequest first = provider.requests.get(0);
        assertThat(first.tools()).extracting(ToolSpec::name).containsExactly("calculator", "read_file");
        assertThat(first.tools().get(0).parametersSchema()).contains("\"expression\"").contains("\"required\"");
        // the second carries the model's calls and one tool message per call, in call order
        ModelRequest second = provider.requests.get(1);
        List<ChatMessage> messages = second.messages();
        ChatMessage.Assistant assistant = (ChatMessage.Assistant) messages.get(2);
        assertThat(assistant.toolCalls()).extracting(ToolCall::name).containsExactly("calculator", "read_file");
        List<ChatMessage.ToolResult> results = messages.subList(3, messages.size()).stream()
                .map(ChatMessage.ToolResult.class::cast).toList();
        assertThat(results).extracting(ChatMessage.ToolResult::callId)
                .containsExactly(assistant.toolCalls().get(0).id(), assistant.toolCalls().get(1).id());
        assertThat(results.get(0).text()).contains("15300");
        assertThat(results.get(1).text()).contains("INV-7,1250");
        assertThat(provider.requests).hasSize(2);
        assertThat(o.result().output()).contains("calculator: ").contains("15300").contains("INV-7");
    }

    @Test
    void aToolErrorGoesBackToTheModelAndTheRunGoesOn() throws Exception {
        Recording provider = new Recording();
        Flow flow = flow(analyst("read_file"), ToolSettings.NONE);

        Runs.Outcome o = Runs.run(provider, flow, RunRequest.of("Summarise missing.txt please")
                .withWorkspace(workspace));

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.ToolCallFinished done = o.events(RunEvent.ToolCallFinished.class).get(0);
        assertThat(done.error()).isTrue();
        assertThat(done.content()).isNotBlank();
        ChatMessage.ToolResult result = (ChatMessage.ToolResult) provider.requests.get(1).messages().get(3);
        assertThat(result.text()).startsWith("Error: ").contains(done.content());
    }

    @Test
    void badArgumentsAndAnUnknownToolAreErrorResultsToo() throws Exception {
        ScriptedModel model = new ScriptedModel().on("analyst", (r, n) -> n == 1
                ? ScriptedModel.tools(new ToolCall("c1", "calculator", Map.of(), "{\"expression\": 5}"),
                        new ToolCall("c2", "calculator", Map.of(), "not json"))
                : ScriptedModel.text("done"));
        Runs.Outcome o = Runs.run(model, flow(analyst("calculator"), ToolSettings.NONE), "x");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.ToolCallFinished.class)).extracting(RunEvent.ToolCallFinished::error)
                .containsExactly(true, true);
        List<ChatMessage> second = model.requests.get(1).messages();
        assertThat(((ChatMessage.ToolResult) second.get(3)).text()).startsWith("Error: invalid arguments");
        assertThat(((ChatMessage.ToolResult) second.get(4)).text()).startsWith("Error: the arguments are not valid");
    }

    @Test
    void moreToolCallsThanTheNodesBoundEndTheRunWithLimitReached() throws Exception {
        ScriptedModel model = new ScriptedModel().on("analyst", (r, n) -> ScriptedModel.tools(
                new ToolCall("c" + n, "calculator", Map.of("expression", n + "+1"))));
        AgentNode node = analyst("calculator").withToolSettings(new NodeToolSettings(3, Map.of()));
        // the flow's bound is higher: the node's own wins
        Flow flow = flow(node, new ToolSettings(null, List.of(), List.of(), 50, Map.of()));

        Runs.Outcome o = Runs.run(model, flow, "loop forever");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.result().cause()).contains("maxToolCalls").contains("analyst");
        assertThat(o.events(RunEvent.ToolCallFinished.class)).hasSize(3);
        assertThat(model.requests).hasSize(4);
    }

    @Test
    void theFlowsBoundAppliesWhenTheNodeHasNone() throws Exception {
        ScriptedModel model = new ScriptedModel().on("analyst", (r, n) -> ScriptedModel.tools(
                new ToolCall("a" + n, "calculator", Map.of("expression", "1+1")),
                new ToolCall("b" + n, "calculator", Map.of("expression", "2+2"))));
        Flow flow = flow(analyst("calculator"), new ToolSettings(null, List.of(), List.of(), 4, Map.of()));

        Runs.Outcome o = Runs.run(model, flow, "x");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.events(RunEvent.ToolCallFinished.class)).hasSize(4);
    }

    @Test
    void anAgentWithoutToolsIsOfferedNone() throws Exception {
        Recording provider = new Recording();
        Runs.Outcome o = Runs.run(provider, flow(analyst(), ToolSettings.NONE), "compute 2 * 3");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(provider.requests).hasSize(1);
        assertThat(provider.requests.get(0).tools()).isEmpty();
        assertThat(o.events(RunEvent.ToolCallRequested.class)).isEmpty();
    }
}
