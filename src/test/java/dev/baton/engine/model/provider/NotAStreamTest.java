package dev.baton.engine.model.provider;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A 200 whose body is no stream of the protocol (empty, an HTML page, a plain JSON error, usage and nothing else):
 * reported at once as an invalid reply, or as the error it holds, never waited on until the timeout and retried as if
 * the server were slow.
 */
class NotAStreamTest extends LoopbackProviderTest {

    /** Long, so that waiting for it would show: every failure here must come well before. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private ModelException failure(String provider, String path, String contentType, String body) {
        server.enqueue(exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        });
        ModelRequest ask = new ModelRequest("writer", List.of(new ChatMessage.User("Hi")), List.of(), false);
        long start = System.nanoTime();
        ModelException failure = catchThrowableOfType(ModelException.class, () -> LoopbackServer.factory(home, TIMEOUT)
                .model(new ModelRef(provider, "m1", server.url(path), null)).chat(ask, chunk -> { }));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("reported at once").isLessThan(Duration.ofSeconds(8));
        return failure;
    }

    @Test
    void anEmptyBodyIsAnInvalidReplyInEveryProtocol() {
        for (String[] p : new String[][] {{ModelRef.ANTHROPIC, "/v1/", "text/event-stream"},
                {ModelRef.OLLAMA, "", "application/x-ndjson"}, {ModelRef.GEMINI, "/v1beta", "text/event-stream"},
                {ModelRef.OPENAI_COMPATIBLE, "/v1", "text/event-stream"}}) {
            ModelException failure = failure(p[0], p[1], p[2], "");

            assertThat(failure).as(p[0]).isNotNull();
            assertThat(failure.kind()).as(p[0]).isEqualTo(Kind.INVALID_RESPONSE);
            assertThat(failure.getMessage()).as(p[0]).contains("no event");
        }
    }

    @Test
    void anHtmlPageWhereOllamasJsonLinesWereDueIsAnInvalidReply() {
        ModelException failure = failure(ModelRef.OLLAMA, "", "text/html",
                "<html><body><h1>Welcome to nginx!</h1></body></html>");

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("not Ollama's JSON lines").contains("Welcome to nginx!");
    }

    @Test
    void anthropicsPlainJsonErrorOnAStreamedRequestIsThatError() {
        ModelException failure = failure(ModelRef.ANTHROPIC, "/v1/", "application/json",
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}");

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("Internal server error");
    }

    @Test
    void usageWithoutAnAnswerIsAnInvalidReply() {
        ModelException failure = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", "text/event-stream",
                "data: " + OpenAiChunks.usage(3, 0) + "\n\ndata: [DONE]\n\n");

        assertThat(failure).as("an empty answer is not passed off as the agent's result").isNotNull();
        assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
        assertThat(failure.getMessage()).contains("no answer");
    }
}
