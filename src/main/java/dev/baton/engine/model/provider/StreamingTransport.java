package dev.baton.engine.model.provider;

import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends a streamed request with the JDK client, as LangChain4j's own JDK client does, but keeps what Baton needs and
 * that client drops: the {@code retry-after} of an error response, an error body read only up to a cap (a proxy's
 * 50 MB page, or one that never ends, must not hold the call), and the response body in the call's
 * {@link StreamCancellation} from the moment it opens, so that giving up closes the connection.
 */
final class StreamingTransport {

    /** An error body longer than this is cut: the message keeps its start anyway. */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    /**
     * The longest line a stream may send: event parsers read whole lines, so a server that never sends a newline
     * would otherwise fill the memory. A plain JSON reply ({@link PlainJsonStream}) is one line too; it has its cap.
     */
    static final int MAX_LINE_BYTES = PlainJsonStream.MAX_PLAIN_JSON_BYTES + 1;

    private final HttpClient http;
    private final Duration readTimeout;

    StreamingTransport(Duration connectTimeout, Duration readTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        this.http = builder.build();
        this.readTimeout = readTimeout;
    }

    /** Starts the exchange and returns; the listener hears the rest on the client's threads. */
    void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener,
                 StreamCancellation scope) {
        CompletableFuture<HttpResponse<InputStream>> exchange;
        try {
            exchange = http.sendAsync(toJdk(request), BodyHandlers.ofInputStream());
        } catch (RuntimeException e) {
            listener.onError(e);
            return;
        }
        if (scope != null) {
            scope.attachExchange(exchange);
        }
        exchange.thenAccept(response -> receive(response, parser, listener, scope))
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    quietly(() -> listener.onError(cause));
                    return null;
                });
    }

    private static void receive(HttpResponse<InputStream> response, ServerSentEventParser parser,
                                ServerSentEventListener listener, StreamCancellation scope) {
        InputStream body = response.body();
        if (scope != null) {
            scope.attachStream(body);
            if (scope.isCancelled()) {
                return;
            }
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            String text = readCapped(body);
            ProviderHttpException error = new ProviderHttpException(status, text,
                    ProviderHttpException.retryAfter(response.headers().map(), Clock.systemUTC()));
            quietly(() -> listener.onError(error));
            return;
        }
        SuccessfulHttpResponse opened = SuccessfulHttpResponse.builder()
                .statusCode(status)
                .headers(response.headers().map())
                .build();
        quietly(() -> listener.onOpen(opened));
        try (body) {
            // every whole line is activity, SSE comments and pings included, which the parser drops unseen; bytes
            // that never make a line (a trickle) are not, or a server could hold the call to the hard deadline
            Runnable activity = scope == null ? () -> { } : scope::lineArrived;
            parser.parse(new LineCap(body, MAX_LINE_BYTES, activity), listener);
            quietly(listener::onClose);
        } catch (IOException | RuntimeException e) {
            quietly(() -> listener.onError(e));
        }
    }

    private static String readCapped(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(the error body could not be read: " + e.getMessage() + ")";
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        java.net.http.HttpRequest.BodyPublisher publisher = request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        builder.method(request.method().name(), publisher);
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        return builder.build();
    }

    /** A listener's own failure must not stop the stream's bookkeeping (LangChain4j's client ignores them too). */
    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // the listener reports through its own handler
        }
    }

    /** A stream whose line exceeded {@link #MAX_LINE_BYTES}: a broken reply, not a network failure to retry. */
    static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLong(String message) {
            super(message);
        }
    }

    /** Fails the read of a line longer than its cap, as a broken stream (which it is); reports each line's end. */
    static final class LineCap extends java.io.FilterInputStream {
        private final int max;
        private final Runnable onLine;
        private int sinceNewline;

        /** @param onLine told of each line break: a whole line arrived, a keep-alive comment included */
        LineCap(InputStream in, int max, Runnable onLine) {
            super(in);
            this.max = max;
            this.onLine = onLine;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(b == '\n' || b == '\r', 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                count(buffer[i] == '\n' || buffer[i] == '\r', 1);
            }
            return n;
        }

        private void count(boolean newline, int bytes) throws IOException {
            if (newline) {
                onLine.run();
            }
            sinceNewline = newline ? 0 : sinceNewline + bytes;
            if (sinceNewline > max) {
                throw new LineTooLong("the server sent a line of more than " + max / (1024 * 1024)
                        + " MB without a line break");
            }
        }
    }
}
