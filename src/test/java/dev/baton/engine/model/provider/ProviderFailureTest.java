package dev.baton.engine.model.provider;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How provider failures are classified, reported and bounded in time, against a loopback OpenAI-compatible server. */
class ProviderFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final String PLANTED_KEY = "sk-proj-Pl4nt3dFakeKeyThatMustNeverLeak0123";

    @TempDir
    Path home;

    private LoopbackServer server;
    private AgentModel model;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        ChatModelFactory factory = new ChatModelFactory(new Credentials(Map.<String, String>of()::get, home), TIMEOUT);
        model = factory.model(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local-model", server.url("/v1"), null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ModelRequest ask() {
        return new ModelRequest("writer", List.of(new ChatMessage.User("Write")), List.of(), false);
    }

    private ModelException failureOf(LoopbackServer.Responder responder) {
        server.enqueue(responder);
        return catchThrowableOfType(ModelException.class, () -> model.chat(ask(), TokenSink.NONE));
    }

    @Test
    void status429IsRateLimitedWithTheProvidersMessage() {
        ModelException failure = failureOf(exchange -> LoopbackServer.json(exchange, 429,
                "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\"}}"));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("Rate limit reached for requests");
    }

    @Test
    void status500IsAServerError() {
        ModelException failure = failureOf(exchange -> LoopbackServer.json(exchange, 500,
                "{\"error\":{\"message\":\"The server had an error while processing your request\"}}"));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.httpStatus()).isEqualTo(500);
        assertThat(failure.getMessage()).contains("The server had an error");
    }

    @Test
    void status401IsAuthenticationWithTheProvidersMessageAndNoKey() {
        ModelException failure = failureOf(exchange -> LoopbackServer.json(exchange, 401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + PLANTED_KEY + ". You can find your API "
                        + "key at https://platform.openai.com/account/api-keys.\",\"code\":\"invalid_api_key\"}}"));

        assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(failure.httpStatus()).isEqualTo(401);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("Incorrect API key provided").contains(dev.baton.secret.Redactor.REDACTED)
                .doesNotContain(PLANTED_KEY).doesNotContain("Pl4nt3d");
    }

    @Test
    void otherStatus4xxIsAClientErrorWithTheProvidersMessage() {
        ModelException failure = failureOf(exchange -> LoopbackServer.json(exchange, 404,
                "{\"error\":{\"message\":\"The model `local-model` does not exist\"}}"));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.httpStatus()).isEqualTo(404);
        assertThat(failure.getMessage()).contains("The model `local-model` does not exist");
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheConfiguredTimeout() {
        long start = System.nanoTime();
        ModelException failure = failureOf(exchange -> server.closing.await(30, TimeUnit.SECONDS));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.retryable()).isTrue();
        // The HTTP timeout is 1 s; the adapter's own idle deadline adds a 1 s grace on top.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(900).isLessThan(2_900);
    }

    @Test
    void aStreamThatStallsAfterItsFirstChunkTimesOut() {
        List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, null, OpenAiChunks.content("Once upon"));
            server.closing.await(30, TimeUnit.SECONDS);
        });
        long start = System.nanoTime();

        ModelException failure = catchThrowableOfType(ModelException.class, () -> model.chat(ask(), tokens::add));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(tokens).containsExactly("Once upon");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4_000);
    }

    @Test
    void aGarbageEventIsAnInvalidResponse() {
        ModelException failure = failureOf(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, null, "<<this is not json>>");
            LoopbackServer.event(out, null, "[DONE]");
        });

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void aGarbageBodyWithoutEventsIsAnInvalidResponse() {
        ModelException failure = failureOf(exchange -> {
            byte[] html = "<html><body>502 proxy says hello</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
        });

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void anInStreamErrorEventCarriesTheProvidersMessage() {
        ModelException failure = failureOf(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, "error",
                    "{\"error\":{\"message\":\"Overloaded, try later\",\"type\":\"server_error\"}}");
        });

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("Overloaded, try later");
    }

    @Test
    void interruptingTheCallerDuringASlowStreamCancelsWithinOneSecondAndClosesTheStream() throws Exception {
        CountDownLatch firstToken = new CountDownLatch(1);
        CountDownLatch clientGone = new CountDownLatch(1);
        AtomicInteger chunksWritten = new AtomicInteger();
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            try {
                // A slow model: one small chunk every 100 ms, for far longer than the test waits.
                for (int i = 0; i < 300 && server.closing.getCount() > 0; i++) {
                    LoopbackServer.event(out, null, OpenAiChunks.content("word" + i + " "));
                    chunksWritten.incrementAndGet();
                    Thread.sleep(100);
                }
            } catch (IOException clientClosedTheStream) {
                clientGone.countDown();
            }
        });
        AtomicReference<ModelException> failure = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> {
            try {
                model.chat(ask(), chunk -> {
                    tokens.add(chunk);
                    firstToken.countDown();
                });
            } catch (ModelException e) {
                failure.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        }, "model-caller");
        caller.start();
        assertThat(firstToken.await(5, TimeUnit.SECONDS)).isTrue();

        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(5_000);
        long reactionMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);

        assertThat(caller.isAlive()).isFalse();
        assertThat(reactionMillis).isLessThan(1_000);
        assertThat(failure.get()).isNotNull();
        assertThat(failure.get().kind()).isEqualTo(Kind.CANCELLED);
        assertThat(interruptKept).isTrue();
        // The stream was really closed: the server's writes start failing instead of running for 30 s.
        assertThat(clientGone.await(5, TimeUnit.SECONDS)).isTrue();
        int tokensAtCancel = tokens.size();
        Thread.sleep(300);
        assertThat(tokens).hasSize(tokensAtCancel);
        assertThat(chunksWritten.get()).isLessThan(300);
    }

    @Test
    void aRequestRefusedBeforeSendingIsAClientError() {
        ModelRequest empty = new ModelRequest("writer", List.of(), List.of(), false);

        ModelException failure = catchThrowableOfType(ModelException.class, () -> model.chat(empty, TokenSink.NONE));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("not sent");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aCallerAlreadyInterruptedIsCancelledWithoutSendingAnything() {
        Thread.currentThread().interrupt();
        try {
            ModelException failure = catchThrowableOfType(ModelException.class, () -> model.chat(ask(), TokenSink.NONE));

            assertThat(failure.kind()).isEqualTo(Kind.CANCELLED);
            assertThat(server.received()).isEmpty();
        } finally {
            Thread.interrupted();
        }
    }
}
