package dev.baton.engine.model.provider;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a call (the designer's Stop, Ctrl-C, a run deadline: all interrupt the calling thread) while a reply
 * streams closes the connection promptly in every protocol, and before the headers came too.
 */
class StreamCancelTest extends LoopbackProviderTest {

    /** A server streaming one unit every 100 ms; the latch falls when its writes start failing. */
    private void slowStream(String contentType, String firstUnit, String unit, CountDownLatch clientGone) {
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, contentType);
            try {
                if (firstUnit != null) {
                    out.write(firstUnit.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                for (int i = 0; i < 300 && server.closing.getCount() > 0; i++) {
                    out.write(unit.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException clientClosed) {
                clientGone.countDown();
            }
        });
    }

    private void assertCancelsAndCloses(ModelRef ref, CountDownLatch clientGone) throws Exception {
        CountDownLatch firstToken = new CountDownLatch(1);
        AtomicReference<ModelException> failure = new AtomicReference<>();
        ModelRequest ask = new ModelRequest("writer", List.of(new ChatMessage.User("Hi")), List.of(), false);
        Thread caller = new Thread(() -> {
            try {
                LoopbackServer.factory(home, Duration.ofSeconds(30)).model(ref)
                        .chat(ask, chunk -> firstToken.countDown());
            } catch (ModelException e) {
                failure.set(e);
            }
        }, "model-caller");
        caller.start();
        assertThat(firstToken.await(10, TimeUnit.SECONDS)).as("the stream began").isTrue();

        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(5_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt)).isLessThan(1_000);
        assertThat(failure.get().kind()).isEqualTo(Kind.CANCELLED);
        assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("the connection was closed").isTrue();
    }

    @Test
    void anthropic() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        slowStream("text/event-stream", "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
                + "\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],"
                + "\"stop_reason\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\nevent: "
                + "content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"text\",\"text\":\"\"}}\n\n", "event: content_block_delta\ndata: {\"type\":"
                + "\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"word \"}}\n\n", gone);
        assertCancelsAndCloses(new ModelRef(ModelRef.ANTHROPIC, "claude-x", server.url("/v1/"), null), gone);
    }

    @Test
    void gemini() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        slowStream("text/event-stream", null, "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":"
                + "[{\"text\":\"word \"}]}}]}\n\n", gone);
        assertCancelsAndCloses(new ModelRef(ModelRef.GEMINI, "gemini-x", server.url("/v1beta"), null), gone);
    }

    @Test
    void ollama() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        slowStream("application/x-ndjson", null, "{\"model\":\"m\",\"created_at\":\"2026-11-25T10:00:00Z\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"word \"},\"done\":false}\n", gone);
        assertCancelsAndCloses(new ModelRef(ModelRef.OLLAMA, "m", server.url(""), null), gone);
    }

    @Test
    void openAi() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        slowStream("text/event-stream", null, "data: " + OpenAiChunks.content("word ") + "\n\n", gone);
        assertCancelsAndCloses(new ModelRef(ModelRef.OPENAI, "gpt-x", server.url("/v1"), null), gone);
    }

    @Test
    void beforeTheServerAnsweredAnything() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        server.enqueue(exchange -> {
            received.countDown();
            server.closing.await(30, TimeUnit.SECONDS);
        });
        AtomicReference<ModelException> failure = new AtomicReference<>();
        ModelRequest ask = new ModelRequest("writer", List.of(new ChatMessage.User("Hi")), List.of(), false);
        Thread caller = new Thread(() -> {
            try {
                LoopbackServer.factory(home, Duration.ofSeconds(30))
                        .model(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "m", server.url("/v1"), null))
                        .chat(ask, chunk -> { });
            } catch (ModelException e) {
                failure.set(e);
            }
        }, "model-caller");
        caller.start();
        assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();

        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(5_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt)).isLessThan(1_000);
        assertThat(failure.get().kind()).isEqualTo(Kind.CANCELLED);
    }
}
