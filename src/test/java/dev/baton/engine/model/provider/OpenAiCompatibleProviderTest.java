package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The openai-compatible provider against a loopback server speaking OpenAI's streaming chat-completions protocol. */
class OpenAiCompatibleProviderTest {

    private static final ToolSpec RESEARCH = new ToolSpec("research", "Delegate research to the researcher",
            Map.of("topic", "what to research", "depth", "how deep"));
    private static final ToolSpec WRITE = new ToolSpec("write", "Delegate writing", Map.of("brief", "what to write"));

    @TempDir
    Path home;

    private LoopbackServer server;
    private AgentModel model;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        model = factory(Duration.ofSeconds(3)).model(ref(server.url("/v1")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatModelFactory factory(Duration timeout) {
        Map<String, String> env = Map.of("OPENAI_COMPATIBLE_API_KEY", "local-secret-key-123");
        return new ChatModelFactory(new Credentials(env::get, home), timeout);
    }

    private static ModelRef ref(String baseUrl) {
        return new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local-model", baseUrl, 0.2);
    }

    private static ModelRequest ask(String question) {
        return new ModelRequest("writer", List.of(new ChatMessage.System("You write."), new ChatMessage.User(question)),
                List.of(), false);
    }

    @Test
    void plainAnswerStreamsChunksInOrderWithProviderTokenCounts() throws Exception {
        server.enqueue(exchange -> OpenAiChunks.stream(LoopbackServer.startStream(exchange, "text/event-stream"),
                OpenAiChunks.content("Hel"), OpenAiChunks.content("lo, "), OpenAiChunks.content("world"),
                OpenAiChunks.finish("stop"), OpenAiChunks.usage(12, 5)));
        List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();

        ModelReply reply = model.chat(ask("Say hello"), tokens::add);

        assertThat(tokens).containsExactly("Hel", "lo, ", "world");
        assertThat(reply.text()).isEqualTo("Hello, world");
        assertThat(reply.inputTokens()).isEqualTo(12);
        assertThat(reply.outputTokens()).isEqualTo(5);
        assertThat(reply.tokensReported()).isTrue();
        assertThat(reply.modelName()).isEqualTo(OpenAiChunks.MODEL);
        assertThat(reply.provider()).isEqualTo(ModelRef.OPENAI_COMPATIBLE);
        assertThat(reply.simulated()).isFalse();
        assertThat(reply.hasToolCalls()).isFalse();

        LoopbackServer.Received request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer local-secret-key-123");
        JsonNode body = request.body();
        assertThat(body.path("model").asText()).isEqualTo("local-model");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Say hello");
        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("response_format")).isFalse();
    }

    @Test
    void tokenCountsAreEstimatedWhenTheProviderReportsNoUsage() throws Exception {
        server.enqueue(exchange -> OpenAiChunks.stream(LoopbackServer.startStream(exchange, "text/event-stream"),
                OpenAiChunks.content("twelve chars"), OpenAiChunks.finish("stop")));

        ModelReply reply = model.chat(ask("0123456789abcdef"), TokenSink.NONE);

        assertThat(reply.tokensReported()).isFalse();
        assertThat(reply.outputTokens()).isEqualTo(3);
        // "You write." (10) + "0123456789abcdef" (16) = 26 chars -> 7 tokens at ~4 chars per token
        assertThat(reply.inputTokens()).isEqualTo(7);
    }

    @Test
    void singleToolCallIsParsedAndToolsAreOfferedWithRequiredStringParameters() throws Exception {
        server.enqueue(exchange -> OpenAiChunks.stream(LoopbackServer.startStream(exchange, "text/event-stream"),
                OpenAiChunks.toolCall(0, "call_1", "research", ""),
                OpenAiChunks.toolCall(0, null, null, "{\"topic\": \"bees\","),
                OpenAiChunks.toolCall(0, null, null, " \"depth\": \"deep\"}"),
                OpenAiChunks.finish("tool_calls"), OpenAiChunks.usage(30, 9)));
        ModelRequest request = new ModelRequest("lead", List.of(new ChatMessage.User("Plan an article")),
                List.of(RESEARCH), false);

        ModelReply reply = model.chat(request, TokenSink.NONE);

        assertThat(reply.text()).isEmpty();
        assertThat(reply.toolCalls()).containsExactly(
                new ToolCall("call_1", "research", Map.of("topic", "bees", "depth", "deep"),
                        "{\"topic\": \"bees\", \"depth\": \"deep\"}"));
        JsonNode tool = server.lastRequest().body().path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        JsonNode function = tool.path("function");
        assertThat(function.path("name").asText()).isEqualTo("research");
        assertThat(function.path("description").asText()).isEqualTo("Delegate research to the researcher");
        JsonNode parameters = function.path("parameters");
        assertThat(parameters.path("properties").path("topic").path("type").asText()).isEqualTo("string");
        assertThat(parameters.path("properties").path("depth").path("description").asText()).isEqualTo("how deep");
        assertThat(parameters.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("topic", "depth");
    }

    @Test
    void parallelToolCallsInOneTurnAreAllReturnedInOrder() throws Exception {
        server.enqueue(exchange -> OpenAiChunks.stream(LoopbackServer.startStream(exchange, "text/event-stream"),
                // OpenAI streams parallel calls one after the other, each split into fragments.
                OpenAiChunks.toolCall(0, "call_a", "research", "{\"topic\":\"bees\","),
                OpenAiChunks.toolCall(0, null, null, "\"depth\":\"shallow\"}"),
                OpenAiChunks.toolCall(1, "call_b", "write", "{\"brief\":"),
                OpenAiChunks.toolCall(1, null, null, "\"a haiku\"}"),
                OpenAiChunks.finish("tool_calls"), OpenAiChunks.usage(40, 20)));
        ModelRequest request = new ModelRequest("lead", List.of(new ChatMessage.User("Go")), List.of(RESEARCH, WRITE),
                false);

        ModelReply reply = model.chat(request, TokenSink.NONE);

        assertThat(reply.toolCalls()).containsExactly(
                new ToolCall("call_a", "research", Map.of("topic", "bees", "depth", "shallow"),
                        "{\"topic\":\"bees\",\"depth\":\"shallow\"}"),
                new ToolCall("call_b", "write", Map.of("brief", "a haiku"), "{\"brief\":\"a haiku\"}"));
        assertThat(server.lastRequest().body().path("tools")).hasSize(2);
    }

    @Test
    void toolResultsAreSentBackAsToolMessagesAfterTheAssistantTurn() throws Exception {
        server.enqueue(exchange -> OpenAiChunks.stream(LoopbackServer.startStream(exchange, "text/event-stream"),
                OpenAiChunks.content("Done."), OpenAiChunks.finish("stop"), OpenAiChunks.usage(50, 2)));
        ModelRequest request = new ModelRequest("lead", List.of(
                new ChatMessage.System("You lead."),
                new ChatMessage.User("Go"),
                new ChatMessage.Assistant("", List.of(
                        new ToolCall("call_a", "research", Map.of("topic", "bees", "depth", "deep")),
                        new ToolCall("call_b", "write", Map.of("brief", "haiku")))),
                new ChatMessage.ToolResult("call_a", "research", "Bees dance."),
                new ChatMessage.ToolResult("call_b", "write", "Buzz, buzz.")),
                List.of(RESEARCH, WRITE), false);

        assertThat(model.chat(request, TokenSink.NONE).text()).isEqualTo("Done.");

        JsonNode messages = server.lastRequest().body().path("messages");
        assertThat(messages).hasSize(5);
        JsonNode assistant = messages.get(2);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        JsonNode calls = assistant.path("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("id").asText()).isEqualTo("call_a");
        assertThat(calls.get(0).path("type").asText()).isEqualTo("function");
        assertThat(calls.get(0).path("function").path("name").asText()).isEqualTo("research");
        JsonNode arguments = LoopbackServer.JSON.readTree(calls.get(0).path("function").path("arguments").asText());
        assertThat(arguments.path("topic").asText()).isEqualTo("bees");
        assertThat(arguments.path("depth").asText()).isEqualTo("deep");
        assertThat(calls.get(1).path("id").asText()).isEqualTo("call_b");
        for (int i = 3; i <= 4; i++) {
            assertThat(messages.get(i).path("role").asText()).isEqualTo("tool");
        }
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_a");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("Bees dance.");
        assertThat(messages.get(4).path("tool_call_id").asText()).isEqualTo("call_b");
        assertThat(messages.get(4).path("content").asText()).isEqualTo("Buzz, buzz.");
    }

    @Test
    void jsonResponseRequestsTheJsonObjectFormat() throws Exception {
        server.enqueue(exchange -> OpenAiChunks.stream(LoopbackServer.startStream(exchange, "text/event-stream"),
                OpenAiChunks.content("{\"pass\": true}"), OpenAiChunks.finish("stop"), OpenAiChunks.usage(20, 4)));
        ModelRequest request = new ModelRequest("critic", List.of(new ChatMessage.User("Judge this")), List.of(), true);

        ModelReply reply = model.chat(request, TokenSink.NONE);

        assertThat(reply.text()).isEqualTo("{\"pass\": true}");
        assertThat(server.lastRequest().body().path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void toolArgumentsThatAreNotJsonReachTheEngineAsTheyCameForItToTellTheModel() throws Exception {
        server.enqueue(exchange -> OpenAiChunks.stream(LoopbackServer.startStream(exchange, "text/event-stream"),
                OpenAiChunks.toolCall(0, "call_1", "research", "topic=bees"),
                OpenAiChunks.finish("tool_calls"), OpenAiChunks.usage(30, 9)));
        ModelRequest request = new ModelRequest("lead", List.of(new ChatMessage.User("Go")), List.of(RESEARCH), false);

        ModelReply reply = model.chat(request, TokenSink.NONE);

        assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("research");
            assertThat(call.argumentsJson()).isEqualTo("topic=bees");
            assertThat(call.arguments()).isEmpty();
        });
    }

    @Test
    void connectionRefusedIsANetworkError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AgentModel unreachable = factory(Duration.ofSeconds(3)).model(ref("http://127.0.0.1:" + closedPort + "/v1"));

        ModelException failure = catchThrowableOfType(ModelException.class,
                () -> unreachable.chat(ask("Hello?"), TokenSink.NONE));

        assertThat(failure.kind()).isEqualTo(Kind.NETWORK);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void modelsAreBuiltOncePerReference() {
        ChatModelFactory factory = factory(Duration.ofSeconds(3));
        assertThat(factory.model(ref(server.url("/v1")))).isSameAs(factory.model(ref(server.url("/v1"))));
    }
}
