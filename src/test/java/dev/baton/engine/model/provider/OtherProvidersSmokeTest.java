package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A plain streamed answer from minimal loopback fakes of the Anthropic, Gemini and Ollama protocols. */
class OtherProvidersSmokeTest extends LoopbackProviderTest {


    private static ModelRequest ask(boolean json) {
        return new ModelRequest("writer", List.of(new ChatMessage.System("You write."), new ChatMessage.User("Hi")),
                List.of(), json);
    }

    @Test
    void anthropicStreamsAPlainAnswerWithReportedUsage() throws Exception {
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-loopback-20261101\","
                    + "\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}");
            LoopbackServer.event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            for (String piece : List.of("Hello", " from", " Claude")) {
                LoopbackServer.event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}");
            }
            LoopbackServer.event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            LoopbackServer.event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":"
                    + "{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":6}}");
            LoopbackServer.event(out, "message_stop", "{\"type\":\"message_stop\"}");
        });
        AgentModel model = factory.model(new ModelRef(ModelRef.ANTHROPIC, "claude-x", server.url("/v1/"), null));
        List<String> tokens = new CopyOnWriteArrayList<>();

        ModelReply reply = model.chat(ask(true), tokens::add);

        assertThat(tokens).containsExactly("Hello", " from", " Claude");
        assertThat(reply.text()).isEqualTo("Hello from Claude");
        assertThat(reply.tokensReported()).isTrue();
        assertThat(reply.inputTokens()).isEqualTo(11);
        assertThat(reply.outputTokens()).isEqualTo(6);
        assertThat(reply.modelName()).isEqualTo("claude-loopback-20261101");
        LoopbackServer.Received request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo("sk-ant-loopback-0000000000000000");
        JsonNode body = request.body();
        assertThat(body.path("model").asText()).isEqualTo("claude-x");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(ChatModelFactory.ANTHROPIC_MAX_TOKENS);
        assertThat(body.path("system").toString()).contains("You write.");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        // Anthropic has no JSON mode without a schema: the prompt must ask for JSON.
        assertThat(body.has("output_format")).isFalse();
    }

    @Test
    void anthropicOverloadedIsAServerError() {
        server.enqueue(exchange -> LoopbackServer.json(exchange, 529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        AgentModel model = factory.model(new ModelRef(ModelRef.ANTHROPIC, "claude-x", server.url("/v1/"), null));

        ModelException failure = catchThrowableOfType(ModelException.class,
                () -> model.chat(ask(false), chunk -> { }));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("Overloaded");
    }

    @Test
    void geminiStreamsAPlainAnswerWithReportedUsage() throws Exception {
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, null, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
                    + "[{\"text\":\"Hello\"}]}}],\"modelVersion\":\"gemini-loopback-001\"}");
            LoopbackServer.event(out, null, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
                    + "[{\"text\":\" from Gemini\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":"
                    + "{\"promptTokenCount\":8,\"candidatesTokenCount\":4,\"totalTokenCount\":12},"
                    + "\"modelVersion\":\"gemini-loopback-001\"}");
        });
        AgentModel model = factory.model(new ModelRef(ModelRef.GEMINI, "gemini-x", server.url("/v1beta"), null));
        List<String> tokens = new CopyOnWriteArrayList<>();

        ModelReply reply = model.chat(ask(true), tokens::add);

        assertThat(tokens).containsExactly("Hello", " from Gemini");
        assertThat(reply.text()).isEqualTo("Hello from Gemini");
        assertThat(reply.tokensReported()).isTrue();
        assertThat(reply.inputTokens()).isEqualTo(8);
        assertThat(reply.outputTokens()).isEqualTo(4);
        LoopbackServer.Received request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-x:streamGenerateContent");
        assertThat(request.header("x-goog-api-key")).isEqualTo("AIzaLoopbackLoopbackLoopback000000000");
        assertThat(request.body().path("generationConfig").path("responseMimeType").asText())
                .isEqualTo("application/json");
    }

    @Test
    void ollamaStreamsAPlainAnswerWithReportedUsage() throws Exception {
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "application/x-ndjson");
            for (String piece : List.of("Hello", " from", " Ollama")) {
                LoopbackServer.line(out, "{\"model\":\"llama-loopback\",\"created_at\":\"2026-11-25T10:00:00Z\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"" + piece + "\"},\"done\":false}");
            }
            LoopbackServer.line(out, "{\"model\":\"llama-loopback\",\"created_at\":\"2026-11-25T10:00:01Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
                    + "\"prompt_eval_count\":9,\"eval_count\":3}");
        });
        AgentModel model = factory.model(new ModelRef(ModelRef.OLLAMA, "llama-loopback", server.url(""), null));
        List<String> tokens = new CopyOnWriteArrayList<>();

        ModelReply reply = model.chat(ask(true), tokens::add);

        assertThat(tokens).containsExactly("Hello", " from", " Ollama");
        assertThat(reply.text()).isEqualTo("Hello from Ollama");
        assertThat(reply.tokensReported()).isTrue();
        assertThat(reply.inputTokens()).isEqualTo(9);
        assertThat(reply.outputTokens()).isEqualTo(3);
        assertThat(reply.provider()).isEqualTo(ModelRef.OLLAMA);
        LoopbackServer.Received request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/api/chat");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.body().path("format").asText()).isEqualTo("json");
        assertThat(request.body().path("stream").asBoolean()).isTrue();
    }
}
