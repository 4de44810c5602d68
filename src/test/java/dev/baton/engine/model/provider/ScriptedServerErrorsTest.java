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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Errors as real provider servers send them, each provider in its own protocol: the kind decides whether the engine
 * retries, so a retryable failure read as a broken reply (or the reverse) changes what a run does.
 */
class ScriptedServerErrorsTest extends LoopbackProviderTest {

    @Override
    Duration timeout() {
        return Duration.ofSeconds(2);
    }

    private ModelException failure(String provider, String path, LoopbackServer.Responder responder) {
        server.enqueue(responder);
        ModelRequest ask = new ModelRequest("writer", List.of(new ChatMessage.User("Hi")), List.of(), false);
        return catchThrowableOfType(ModelException.class,
                () -> factory.model(new ModelRef(provider, "m1", server.url(path), null)).chat(ask, chunk -> { }));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String contentType,
                              String header, String value, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (header != null) {
            exchange.getResponseHeaders().set(header, value);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Test
    void retryAfterInSecondsIsKeptForTheEngine() {
        ModelException failure = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> reply(exchange, 429,
                "application/json", "Retry-After", "7", "{\"error\":{\"message\":\"Rate limit reached\"}}"));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsAnHttpDateAndRetryAfterMsAreRead() {
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5));
        ModelException anthropic = failure(ModelRef.ANTHROPIC, "/v1/", exchange -> reply(exchange, 529,
                "application/json", "retry-after", inFiveSeconds,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        ModelException openAi = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> reply(exchange, 429,
                "application/json", "retry-after-ms", "1500", "{\"error\":{\"message\":\"slow down\"}}"));

        assertThat(anthropic.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(anthropic.retryAfter()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(openAi.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void geminisRetryDelayInItsErrorBodyIsKeptForTheEngine() {
        ModelException failure = failure(ModelRef.GEMINI, "/v1beta", exchange -> reply(exchange, 429,
                "application/json", null, null, "{\"error\":{\"code\":429,\"message\":\"You exceeded your current "
                        + "quota.\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/"
                        + "google.rpc.QuotaFailure\",\"violations\":[]},{\"@type\":\"type.googleapis.com/"
                        + "google.rpc.RetryInfo\",\"retryDelay\":\"37s\"}]}}"));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(37));
    }

    @Test
    void openAisOutOfQuota429IsNotRetried() {
        ModelException failure = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> reply(exchange, 429,
                "application/json", null, null, "{\"error\":{\"message\":\"You exceeded your current quota, please "
                        + "check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,"
                        + "\"code\":\"insufficient_quota\"}}"));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.getMessage()).contains("You exceeded your current quota").contains("billing");
    }

    @Test
    void anHtmlErrorPageIsSaidByItsTitleWithoutMarkup() {
        ModelException failure = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> reply(exchange, 502,
                "text/html", null, null, "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n"
                        + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("HTTP 502").contains("502 Bad Gateway").doesNotContain("<")
                .doesNotContain("\n");
    }

    @Test
    void anErrorObjectSentAsAPlainDataEventIsTheProvidersError() {
        // vLLM, LiteLLM and OpenRouter report a failure mid-stream as a data event holding an error object
        ModelException failure = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, null, OpenAiChunks.content("Half an"));
            LoopbackServer.event(out, null,
                    "{\"error\":{\"message\":\"upstream model crashed\",\"type\":\"server_error\",\"code\":502}}");
        });

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("upstream model crashed");
    }

    @Test
    void vllmsErrorObjectAsTheEventIsClassifiedByItsCode() {
        ModelException failure = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> LoopbackServer.event(
                LoopbackServer.startStream(exchange, "text/event-stream"), null, "{\"object\":\"error\",\"message\":"
                        + "\"This model's maximum context length is 4096 tokens\",\"type\":\"BadRequestError\","
                        + "\"param\":null,\"code\":400}"));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("maximum context length is 4096 tokens");
    }

    @Test
    void anthropicsOverloadedErrorEventIsARetryableServerError() {
        ModelException failure = failure(ModelRef.ANTHROPIC, "/v1/", exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}");
            LoopbackServer.event(out, "error",
                    "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        });

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("Overloaded");
    }

    @Test
    void anthropicsRateLimitErrorEventIsRateLimited() {
        ModelException failure = failure(ModelRef.ANTHROPIC, "/v1/", exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, "error", "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                    + "\"message\":\"Number of requests has exceeded your rate limit\"}}");
        });

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
    }

    @Test
    void ollamasErrorLineInTheStreamIsAServerError() {
        ModelException failure = failure(ModelRef.OLLAMA, "", exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "application/x-ndjson");
            LoopbackServer.line(out, "{\"model\":\"m1\",\"created_at\":\"2026-11-25T10:00:00Z\",\"message\":"
                    + "{\"role\":\"assistant\",\"content\":\"he\"},\"done\":false}");
            LoopbackServer.line(out, "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}");
        });

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.getMessage()).contains("unexpected EOF");
    }

    @Test
    void geminisBlockedPromptIsARefusalNotADroppedConnection() {
        ModelException failure = failure(ModelRef.GEMINI, "/v1beta", exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, null, "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},"
                    + "\"usageMetadata\":{\"promptTokenCount\":8,\"totalTokenCount\":8}}");
        });

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("blocked the prompt").contains("SAFETY");
    }

    @Test
    void geminisInvalidKeyAnswerIsAnAuthenticationFailure() {
        ModelException failure = failure(ModelRef.GEMINI, "/v1beta", exchange -> reply(exchange, 400,
                "application/json", null, null, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please "
                        + "pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
                        + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}"));

        assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("HTTP 400").contains("API key not valid");
    }

    @Test
    void noAnswerAtTheOutputLimitSaysSoInEveryProtocol() {
        ModelException openAi = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> OpenAiChunks.stream(
                LoopbackServer.startStream(exchange, "text/event-stream"), "{\"id\":\"x\",\"object\":"
                        + "\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
                        + "{\"role\":\"assistant\",\"content\":null},\"finish_reason\":\"length\"}]}"));
        ModelException anthropic = failure(ModelRef.ANTHROPIC, "/v1/", exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}");
            LoopbackServer.event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                    + "\"max_tokens\"},\"usage\":{\"output_tokens\":6}}");
            LoopbackServer.event(out, "message_stop", "{\"type\":\"message_stop\"}");
        });
        ModelException ollama = failure(ModelRef.OLLAMA, "", exchange -> LoopbackServer.line(
                LoopbackServer.startStream(exchange, "application/x-ndjson"), "{\"model\":\"m1\",\"created_at\":"
                        + "\"2026-11-25T10:00:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                        + "\"done_reason\":\"length\",\"prompt_eval_count\":9,\"eval_count\":3}"));

        for (ModelException failure : List.of(openAi, anthropic, ollama)) {
            assertThat(failure).as("an empty answer is not passed off as the agent's result").isNotNull();
            assertThat(failure.kind()).isEqualTo(Kind.INVALID_RESPONSE);
            assertThat(failure.getMessage()).contains("output limit").contains("maxOutputTokens");
        }
    }

    @Test
    void anAnswerWithheldByAContentFilterSaysSo() {
        ModelException openAi = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> OpenAiChunks.stream(
                LoopbackServer.startStream(exchange, "text/event-stream"), OpenAiChunks.finish("content_filter")));
        ModelException gemini = failure(ModelRef.GEMINI, "/v1beta", exchange -> LoopbackServer.event(
                LoopbackServer.startStream(exchange, "text/event-stream"), null, "{\"candidates\":[{\"finishReason\":"
                        + "\"SAFETY\",\"safetyRatings\":[]}],\"usageMetadata\":{\"promptTokenCount\":8}}"));

        for (ModelException failure : List.of(openAi, gemini)) {
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("content filter");
        }
    }

    @Test
    void anErrorBodyThatNeverEndsIsClosedWhenTheCallGivesUp() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        long start = System.nanoTime();
        ModelException failure = failure(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(503, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                // a broken proxy: one byte of its error page every 200 ms, for far longer than the test
                for (int i = 0; i < 600 && server.closing.getCount() > 0; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException clientClosed) {
                clientGone.countDown();
            }
        });

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(6_000);
        // the connection was really dropped, not left to a reader thread that waits for the page's end
        assertThat(clientGone.await(3, TimeUnit.SECONDS)).isTrue();
    }
}
