package dev.baton.engine.model.provider;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A server or proxy that ends a streamed reply before the protocol's end marker: the part that came is not passed off
 * as the whole answer, but reported at once as a dropped connection (which the engine retries), for each protocol.
 */
class CutStreamTest extends LoopbackProviderTest {

    // a long timeout: a cut stream must be reported when it ends, not after a silence
    @Override
    Duration timeout() {
        return Duration.ofSeconds(30);
    }

    private static ModelRequest ask() {
        return new ModelRequest("writer", List.of(new ChatMessage.User("Hi")), List.of(), false);
    }

    private ModelException cut(ModelRef ref, LoopbackServer.Responder responder) {
        server.enqueue(responder);
        AgentModel model = factory.model(ref);
        long t0 = System.nanoTime();
        ModelException failure = catchThrowableOfType(ModelException.class, () -> model.chat(ask(), chunk -> { }));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        return failure;
    }

    private static void assertDropped(ModelException failure) {
        assertThat(failure).as("a cut stream is a failure, not an answer").isNotNull();
        assertThat(failure.kind()).isEqualTo(Kind.NETWORK);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("closed the stream before the reply was complete");
    }

    @Test
    void openAiCompatibleWithoutFinishReasonOrDone() {
        assertDropped(cut(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", server.url("/v1"), null), exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, null, OpenAiChunks.content("The first half of"));
        }));
    }

    @Test
    void openAiCompatibleEndedByDoneAloneIsWhole() throws Exception {
        // some servers send no finish_reason; [DONE] is their end
        server.enqueue(exchange -> OpenAiChunks.stream(LoopbackServer.startStream(exchange, "text/event-stream"),
                OpenAiChunks.content("Whole answer")));
        ModelReply reply = factory.model(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", server.url("/v1"), null))
                .chat(ask(), chunk -> { });

        assertThat(reply.text()).isEqualTo("Whole answer");
    }

    @Test
    void anthropicWithoutMessageStop() {
        assertDropped(cut(new ModelRef(ModelRef.ANTHROPIC, "claude-x", server.url("/v1/"), null), exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}");
            LoopbackServer.event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            LoopbackServer.event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"The first half of\"}}");
        }));
    }

    @Test
    void geminiWithoutFinishReason() {
        assertDropped(cut(new ModelRef(ModelRef.GEMINI, "gemini-x", server.url("/v1beta"), null), exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, null, "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
                    + "[{\"text\":\"The first half of\"}]}}],\"modelVersion\":\"gemini-x\"}");
        }));
    }

    @Test
    void ollamaWithoutDone() {
        assertDropped(cut(new ModelRef(ModelRef.OLLAMA, "llama", server.url(""), null), exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "application/x-ndjson");
            LoopbackServer.line(out, "{\"model\":\"llama\",\"created_at\":\"2026-11-25T10:00:00Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"The first half of\"},\"done\":false}");
        }));
    }
}
