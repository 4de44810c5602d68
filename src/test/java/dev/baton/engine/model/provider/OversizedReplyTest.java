package dev.baton.engine.model.provider;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Replies too big to be answers (50 MB of text, a plain body that goes on, a line that never ends) and one that
 * trickles: each call ends with a clear failure, streams no more than a reply may hold, and drops the connection.
 */
class OversizedReplyTest extends LoopbackProviderTest {

    private static final int MB = 1024 * 1024;

    private final AtomicLong streamedChars = new AtomicLong();
    private final CountDownLatch clientGone = new CountDownLatch(1);

    private ModelException failure(LoopbackServer.Responder responder) {
        server.enqueue(responder);
        ModelRequest ask = new ModelRequest("writer", List.of(new ChatMessage.User("Hi")), List.of(), false);
        ChatModelFactory factory = LoopbackServer.factory(home, Duration.ofSeconds(2));
        return catchThrowableOfType(ModelException.class, () -> factory.model(
                new ModelRef(ModelRef.OPENAI_COMPATIBLE, "m1", server.url("/v1"), null))
                .chat(ask, chunk -> streamedChars.addAndGet(chunk.length())));
    }

    /** Writes until the client hangs up (then counts it) or {@code bytes} are out. */
    private void writeUntilGone(OutputStream out, byte[] piece, long bytes) {
        try {
            for (long sent = 0; sent < bytes && server.closing.getCount() > 0; sent += piece.length) {
                out.write(piece);
                out.flush();
            }
        } catch (IOException clientClosed) {
            clientGone.countDown();
        }
    }

    @Test
    void aFiftyMegabyteStreamedReplyIsStoppedAtTheReplyCap() throws Exception {
        String words = "word ".repeat(64 * 1024 / 5);
        byte[] event = ("data: " + OpenAiChunks.content(words) + "\n\n").getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();

        ModelException failure = failure(exchange -> writeUntilGone(
                LoopbackServer.startStream(exchange, "text/event-stream"), event, 50L * MB));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure.getMessage()).contains("past 1,000,000 characters");
        assertThat(streamedChars.get()).isLessThanOrEqualTo(StreamingAgentModel.MAX_REPLY_CHARS);
        assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("the connection is dropped").isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    }

    @Test
    void aPlainJsonBodyThatGoesOnIsRefusedWithoutReadingItAll() throws Exception {
        byte[] head = ("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"").getBytes(StandardCharsets.UTF_8);
        ModelException failure = failure(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(head);
            writeUntilGone(out, "lorem ipsum ".repeat(8192).getBytes(StandardCharsets.UTF_8), 50L * MB);
        });

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure.getMessage()).contains("more than 8 MB");
        assertThat(streamedChars.get()).isZero();
    }

    @Test
    void aLineThatNeverEndsIsABrokenReplyNotAnOutOfMemory() throws Exception {
        ModelException failure = failure(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            out.write("data: {\"choices\":[{\"delta\":{\"content\":\"".getBytes(StandardCharsets.UTF_8));
            // fast enough to pass the cap well within the call's 2 s timeout, never a line break
            writeUntilGone(out, "x".repeat(MB).getBytes(StandardCharsets.UTF_8), 40L * MB);
        });

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("without a line break");
    }

    @Test
    void aReplyTricklingOneByteAtATimeTimesOutAndIsClosed() throws Exception {
        long start = System.nanoTime();
        ModelException failure = failure(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            try {
                for (int i = 0; i < 300 && server.closing.getCount() > 0; i++) {
                    out.write('d');
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (IOException clientClosed) {
                clientGone.countDown();
            }
        });

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(6_000);
        assertThat(clientGone.await(3, TimeUnit.SECONDS)).isTrue();
    }
}
