package dev.baton.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.testing.ScriptedOpenAiServer;
import dev.baton.testing.ScriptedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.baton.testing.ScriptedOpenAiServer.lastRoleIs;
import static dev.baton.testing.ScriptedReply.call;
import static dev.baton.testing.ScriptedReply.text;
import static dev.baton.testing.ScriptedReply.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

/** The tool loop through the real openai-compatible provider (LangChain4j) against a loopback server. */
class ToolLoopServerTest {

    @TempDir
    Path home;

    /** One agent with {@code tools} on the openai-compatible provider at {@code server}, asked what 6 × 7 is. */
    private RunResult runAnalyst(ScriptedOpenAiServer server, List<String> tools, EventRecorder events)
            throws Exception {
        AgentNode agent = AgentNode.of("analyst", NodeKind.AGENT, "analyst").withRole("analyst").withTools(tools);
        Flow flow = Flows.flow().node(agent).chain("analyst").build()
                .withDefaultModel(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", server.baseUrl(), null));
        FlowRunner runner = FlowRunner.create(new ChatModelFactory(
                new Credentials(Map.<String, String>of()::get, home), Duration.ofSeconds(5)), Runs.FAST_RETRY);
        RunHandle handle = runner.start(flow, RunRequest.of("what is six times seven?"), events);
        RunResult result = handle.result().get(20, TimeUnit.SECONDS);
        handle.awaitEventsDelivered(Duration.ofSeconds(5));
        return result;
    }

    @Test
    void parallelToolCallsFromTheServerAreRunAndTheirResultsSentBackWithTheirIds() throws Exception {
        try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
            server.when(lastRoleIs("user")).always(toolCalls(
                    call("call_calc", "calculator", "{\"expression\":\"6 * 7\"}"),
                    call("call_time", "current_time", "{\"timezone\":\"UTC\"}"),
                    call("call_bad", "calculator", "{\"expression\":\"1 / \"}")));
            server.when(lastRoleIs("tool")).always(text("The answer is 42."));
            EventRecorder events = new EventRecorder();
            RunResult result = runAnalyst(server, List.of("calculator", "current_time"), events);

            assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(result.output()).endsWith("analyst:\nThe answer is 42.");
            List<ScriptedRequest> requests = server.chatRequests();
            assertThat(requests).hasSize(2);
            // the tools go out with their JSON-Schema parameters
            JsonNode calculator = requests.get(0).body().path("tools").get(0).path("function");
            assertThat(calculator.path("name").asText()).isEqualTo("calculator");
            assertThat(calculator.path("parameters").path("properties").path("expression").path("type").asText())
                    .isEqualTo("string");
            assertThat(calculator.path("parameters").path("required").toString()).contains("expression");
            // the second request: the assistant's calls, then one tool message per call with its id, in order
            List<JsonNode> messages = requests.get(1).messages();
            JsonNode assistant = messages.get(2);
            List<String> callIds = new ArrayList<>();
            assistant.path("tool_calls").forEach(c -> callIds.add(c.path("id").asText()));
            assertThat(callIds).containsExactly("call_calc", "call_time", "call_bad");
            List<String> toolIds = new ArrayList<>();
            messages.stream().filter(m -> m.path("role").asText().equals("tool"))
                    .forEach(m -> toolIds.add(m.path("tool_call_id").asText()));
            assertThat(toolIds).containsExactly("call_calc", "call_time", "call_bad");
            List<String> results = requests.get(1).toolResults();
            assertThat(results.get(0)).isEqualTo("42");
            assertThat(results.get(1)).isNotBlank().doesNotStartWith("Error");
            assertThat(results.get(2)).startsWith("Error: ");
            assertThat(events.of(RunEvent.ToolCallRequested.class)).extracting(RunEvent.ToolCallRequested::argumentsJson)
                    .containsExactly("{\"expression\":\"6 * 7\"}", "{\"timezone\":\"UTC\"}", "{\"expression\":\"1 / \"}");
        }
    }
    @Test
    void argumentsThatAreNotJsonGoBackToTheModelAsAnErrorResultAndTheRunGoesOn() throws Exception {
        try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
            // what small local models send now and then: cut or unquoted JSON, or JSON that is not an object
            server.when(lastRoleIs("user")).always(toolCalls(
                    call("call_cut", "calculator", "{\"expression\": \"6 * 7"),
                    call("call_array", "calculator", "[\"6 * 7\"]")));
            server.when(lastRoleIs("tool")).always(text("Sorry, let me answer directly: 42."));
            EventRecorder events = new EventRecorder();
            RunResult result = runAnalyst(server, List.of("calculator"), events);

            assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(result.output()).endsWith("Sorry, let me answer directly: 42.");
            List<String> results = server.chatRequests().get(1).toolResults();
            assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("Error: ").contains("JSON"));
            assertThat(events.of(RunEvent.ToolCallRequested.class)).extracting(RunEvent.ToolCallRequested::argumentsJson)
                    .containsExactly("{\"expression\": \"6 * 7", "[\"6 * 7\"]");
        }
    }
}
