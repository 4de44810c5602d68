package dev.baton.engine.model.provider;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A server that keeps a stream alive while its model thinks (OpenRouter's {@code : OPENROUTER PROCESSING} comment
 * lines, Anthropic's {@code event: ping}) is not silent: the reply that follows after longer than the timeout is
 * taken, and a stream of nothing but keep-alives still ends at the hard deadline with a clear message.
 */
class KeepAliveStreamTest extends LoopbackProviderTest {

    /** The model's timeout: the keep-alives below last three times as long. */
    private static final int TIMEOUT_SECONDS = 1;
    private static final Duration KEEP_ALIVE_FOR = Duration.ofSeconds(3);

    private static ModelRequest ask() {
        return new ModelRequest("thinker", List.of(new ChatMessage.User("Think hard")), List.of(), false);
    }

    private ModelRef openRouter() {
        return new ModelRef(ModelRef.OPENAI_COMPATIBLE, "deepthink", server.url("/v1"), null, TIMEOUT_SECONDS);
    }

    /** Writes raw stream text and flushes it, as a proxy does between events. */
    private static void raw(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void openRouterProcessingCommentsKeepASlowThinkerAlive() throws Exception {
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            long until = System.nanoTime() + KEEP_ALIVE_FOR.toNanos();
            while (System.nanoTime() < until) {
                raw(out, ": OPENROUTER PROCESSING\n\n");
                TimeUnit.MILLISECONDS.sleep(300);
            }
            OpenAiChunks.stream(out, OpenAiChunks.content("Forty"), OpenAiChunks.content("-two"),
                    OpenAiChunks.finish("stop"));
        });
        AgentModel model = factory.model(openRouter());

        ModelReply reply = model.chat(ask(), chunk -> { });

        assertThat(reply.text()).isEqualTo("Forty-two");
    }

    @Test
    void anthropicPingsKeepASlowThinkerAlive() throws Exception {
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}");
            long until = System.nanoTime() + KEEP_ALIVE_FOR.toNanos();
            while (System.nanoTime() < until) {
                LoopbackServer.event(out, "ping", "{\"type\": \"ping\"}");
                TimeUnit.MILLISECONDS.sleep(300);
            }
            LoopbackServer.event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            LoopbackServer.event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Considered answer\"}}");
            LoopbackServer.event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            LoopbackServer.event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":"
                    + "{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":6}}");
            LoopbackServer.event(out, "message_stop", "{\"type\":\"message_stop\"}");
        });
        AgentModel model = factory.model(new ModelRef(ModelRef.ANTHROPIC, "claude-x", server.url("/v1/"), null,
                TIMEOUT_SECONDS));

        ModelReply reply = model.chat(ask(), chunk -> { });

        assertThat(reply.text()).isEqualTo("Considered answer");
    }

    @Test
    void keepAlivesForeverStillEndAtTheHardDeadline() {
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            try {
                while (!server.closing.await(200, TimeUnit.MILLISECONDS)) {
                    raw(out, ": OPENROUTER PROCESSING\n\n");
                }
            } catch (IOException clientGaveUp) {
                // the client closed the stream: what this test expects
            }
        });
        AgentModel model = factory.model(openRouter());
        long t0 = System.nanoTime();

        ModelException failure = catchThrowableOfType(ModelException.class, () -> model.chat(ask(), chunk -> { }));

        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(failure).as("a stream of keep-alives alone is no answer").isNotNull();
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        // the hard deadline is 10 × the timeout; nothing but keep-alives came, and the message says so once
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(9)).isLessThan(Duration.ofSeconds(20));
        assertThat(failure.getMessage()).isEqualTo("model 'openai-compatible/deepthink' timed out: the server kept "
                + "the stream alive for 10 s but sent no answer; raise model.timeoutSeconds (now 1)");
    }
}
