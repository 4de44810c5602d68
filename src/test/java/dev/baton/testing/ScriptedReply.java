package dev.baton.testing;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@link ScriptedOpenAiServer} answers to a matched request. Text and tool calls are streamed as
 * {@code chat.completion.chunk} events when the request asked for {@code stream: true}, else sent as one
 * {@code chat.completion} object; both carry usage.
 */
public abstract class ScriptedReply {

    /** One tool call the model makes: the function name and its JSON arguments. */
    public record Call(String id, String name, String arguments) {
        public Call {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** Thrown inside a handler to make the JDK server close the socket mid-reply (a dropped connection). */
    static final class DropConnection extends RuntimeException {
        DropConnection() {
            super("scripted drop", null, false, false);
        }
    }

    /** What a reply writes with: the exchange, the parsed request, and the server's closing latch. */
    record Context(HttpExchange exchange, ScriptedRequest request, String completionId, CountDownLatch closing) {
        boolean streamed() {
            return request.streamed();
        }

        String model() {
            return request.model().isEmpty() ? "scripted-model" : request.model();
        }

        /** A rough but deterministic token count of the prompt: a quarter of its characters. */
        int promptTokens() {
            int chars = 0;
            for (var message : request.messages()) {
                chars += message.path("content").toString().length();
            }
            return Math.max(1, chars / 4);
        }
    }

    ScriptedReply() {
    }

    abstract void write(Context context) throws IOException, InterruptedException;

    // ---- factories ------------------------------------------------------------------------------------------------

    /** A plain answer (streamed in a few fragments when asked to stream). */
    public static ScriptedReply text(String text) {
        return new Answer(Objects.requireNonNull(text, "text"), List.of());
    }

    /** One tool call, e.g. {@code toolCall("research", "{\"topic\":\"tides\"}")}. */
    public static ScriptedReply toolCall(String name, String argumentsJson) {
        return toolCalls(new Call("call_1", name, argumentsJson));
    }

    /** Several tool calls in one reply (parallel tool calls). */
    public static ScriptedReply toolCalls(Call... calls) {
        if (calls.length == 0) {
            throw new IllegalArgumentException("at least one call");
        }
        return new Answer(null, List.of(calls));
    }

    /** A tool call for {@link #toolCalls}; ids are numbered by the caller ("call_1", "call_2" …). */
    public static Call call(String id, String name, String argumentsJson) {
        return new Call(id, name, argumentsJson);
    }

    /** An HTTP error with OpenAI's error body ({@code {"error":{"message":…,"type":…}}}). */
    public static ScriptedReply status(int status, String message) {
        return new Status(status, message, null);
    }

    /** HTTP 429 with a {@code Retry-After} header of this many seconds. */
    public static ScriptedReply rateLimited(int retryAfterSeconds) {
        return new Status(429, "Rate limit reached for requests", retryAfterSeconds);
    }

    /** Exactly this status, these headers and this body: an error page, a provider's own error JSON, an echo. */
    public static ScriptedReply raw(int status, String contentType, java.util.Map<String, String> headers,
                                    String body) {
        return new Raw(status, contentType, java.util.Map.copyOf(headers), body);
    }

    /** A 200 whose body is these bytes under this content type: not the protocol at all. */
    public static ScriptedReply garbage(String contentType, byte[] body) {
        return new Garbage(contentType, body.clone());
    }

    /** A 200 event stream of non-JSON noise. */
    public static ScriptedReply garbage() {
        return garbage("text/event-stream", "data: \u0000\u0013{{{ not json ]]\n\n%PDF-1.7 \uFFFD\uFFFD\n\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Starts streaming {@code partialText}, then closes the socket without ending the stream. */
    public static ScriptedReply dropMidStream(String partialText) {
        return new Drop(partialText);
    }

    /** Waits {@code delay} before the first byte, then answers with {@code then}. */
    public static ScriptedReply delayed(Duration delay, ScriptedReply then) {
        return new Delayed(delay, then);
    }

    /** Answers {@code reply} as one plain JSON object even when the request asked to stream (as many proxies do). */
    public static ScriptedReply ignoringStream(ScriptedReply reply) {
        return new IgnoringStream(reply);
    }

    // ---- kinds ----------------------------------------------------------------------------------------------------

    private static final class Answer extends ScriptedReply {
        private final String text;
        private final List<Call> calls;
        private final boolean forceJson;

        Answer(String text, List<Call> calls) {
            this(text, calls, false);
        }

        private Answer(String text, List<Call> calls, boolean forceJson) {
            this.text = text;
            this.calls = calls;
            this.forceJson = forceJson;
        }

        @Override
        void write(Context c) throws IOException {
            int completion = Math.max(1, ((text == null ? "" : text) + calls).length() / 4);
            if (!c.streamed() || forceJson) {
                OpenAiWire.sendJson(c.exchange(), 200, OpenAiWire.completion(c.completionId(), c.model(), text,
                        calls, c.promptTokens(), completion));
                return;
            }
            String id = c.completionId();
            OutputStream out = OpenAiWire.startStream(c.exchange());
            if (text != null) {
                for (String piece : pieces(text)) {
                    OpenAiWire.event(out, OpenAiWire.contentChunk(id, c.model(), piece));
                }
            }
            for (int i = 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                String args = call.arguments();
                int half = args.length() / 2;
                OpenAiWire.event(out, OpenAiWire.toolCallChunk(id, c.model(), i, call.id(), call.name(),
                        args.substring(0, half)));
                OpenAiWire.event(out, OpenAiWire.toolCallChunk(id, c.model(), i, null, null, args.substring(half)));
            }
            OpenAiWire.event(out, OpenAiWire.finishChunk(id, c.model(), calls.isEmpty() ? "stop" : "tool_calls"));
            OpenAiWire.event(out, OpenAiWire.usageChunk(id, c.model(), c.promptTokens(), completion));
            OpenAiWire.event(out, "[DONE]");
        }
    }

    /** Splits a text into up to three fragments, as a streaming server would send it. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        if (text.length() < 3) {
            pieces.add(text);
            return pieces;
        }
        int third = text.length() / 3;
        pieces.add(text.substring(0, third));
        pieces.add(text.substring(third, 2 * third));
        pieces.add(text.substring(2 * third));
        return pieces;
    }

    private static final class Status extends ScriptedReply {
        private final int status;
        private final String message;
        private final Integer retryAfter;

        Status(int status, String message, Integer retryAfter) {
            this.status = status;
            this.message = message;
            this.retryAfter = retryAfter;
        }

        @Override
        void write(Context c) throws IOException {
            if (retryAfter != null) {
                c.exchange().getResponseHeaders().set("Retry-After", Integer.toString(retryAfter));
            }
            String type = switch (status) {
                case 401 -> "invalid_request_error";
                case 429 -> "rate_limit_exceeded";
                case 400, 404 -> "invalid_request_error";
                default -> "server_error";
            };
            String code = switch (status) {
                case 401 -> "invalid_api_key";
                case 429 -> "rate_limit_exceeded";
                default -> null;
            };
            OpenAiWire.sendJson(c.exchange(), status, OpenAiWire.error(message, type, code));
        }
    }

    private static final class Garbage extends ScriptedReply {
        private final String contentType;
        private final byte[] body;

        Garbage(String contentType, byte[] body) {
            this.contentType = contentType;
            this.body = body;
        }

        @Override
        void write(Context c) throws IOException {
            OpenAiWire.send(c.exchange(), 200, contentType, body);
        }
    }

    private static final class Drop extends ScriptedReply {
        private final String partialText;

        Drop(String partialText) {
            this.partialText = partialText;
        }

        @Override
        void write(Context c) throws IOException {
            OutputStream out = OpenAiWire.startStream(c.exchange());
            for (String piece : pieces(partialText)) {
                OpenAiWire.event(out, OpenAiWire.contentChunk(c.completionId(), c.model(), piece));
            }
            throw new DropConnection();
        }
    }

    private static final class Delayed extends ScriptedReply {
        private final Duration delay;
        private final ScriptedReply then;

        Delayed(Duration delay, ScriptedReply then) {
            this.delay = delay;
            this.then = Objects.requireNonNull(then, "then");
        }

        @Override
        void write(Context c) throws IOException, InterruptedException {
            // Released early when the server closes, so a test never waits out a long delay.
            if (c.closing().await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DropConnection();
            }
            then.write(c);
        }
    }

    private static final class IgnoringStream extends ScriptedReply {
        private final ScriptedReply reply;

        IgnoringStream(ScriptedReply reply) {
            if (!(reply instanceof Answer)) {
                throw new IllegalArgumentException("only text or tool calls can be answered as plain JSON");
            }
            this.reply = reply;
        }

        @Override
        void write(Context c) throws IOException, InterruptedException {
            Answer answer = (Answer) reply;
            new Answer(answer.text, answer.calls, true).write(c);
        }
    }

    private static final class Raw extends ScriptedReply {
        private final int status;
        private final String contentType;
        private final java.util.Map<String, String> headers;
        private final String body;

        Raw(int status, String contentType, java.util.Map<String, String> headers, String body) {
            this.status = status;
            this.contentType = contentType;
            this.headers = headers;
            this.body = body;
        }

        @Override
        void write(Context c) throws IOException {
            headers.forEach((name, value) -> c.exchange().getResponseHeaders().set(name, value));
            OpenAiWire.send(c.exchange(), status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
