package dev.baton.engine.model.provider;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * LangChain4j's default HTTP client (the JDK one, found on the classpath by its service loader), with streamed
 * response bodies registered in the calling thread's {@link StreamCancellation} so that an abandoned call really
 * stops reading (and frees the connection), and with a stream that ends before its protocol's end marker reported as
 * a dropped connection — LangChain4j completes the reply at the end of the body, so a server or proxy that cuts the
 * stream would otherwise pass off half an answer as the whole one.
 */
final class CancellableHttpClient implements HttpClient {

    /** OpenAI's chat completions: {@code data: [DONE]}, or a chunk with a finish reason. */
    static final Pattern OPENAI_END = Pattern.compile("^\\s*\\[DONE]\\s*$|\"finish_reason\"\\s*:\\s*\"");
    /** Anthropic's messages: the {@code message_stop} event (by its name or its data's type). */
    static final Pattern ANTHROPIC_END = Pattern.compile("^message_stop$|\"type\"\\s*:\\s*\"message_stop\"");
    /** Gemini: the last candidate chunk carries a finish reason. */
    static final Pattern GEMINI_END = Pattern.compile("\"finishReason\"\\s*:\\s*\"");
    /** Ollama's JSON lines: the last one says it is done. */
    static final Pattern OLLAMA_END = Pattern.compile("\"done\"\\s*:\\s*true");

    private final HttpClient delegate;
    private final boolean plainJsonAsStream;
    private final Pattern endMarker;

    private CancellableHttpClient(HttpClient delegate, boolean plainJsonAsStream, Pattern endMarker) {
        this.delegate = delegate;
        this.plainJsonAsStream = plainJsonAsStream;
        this.endMarker = endMarker;
    }

    /**
     * A builder the provider builders accept; they set its timeouts from the model's timeout. {@code endMarker}
     * finds the event data (or event name) that says a streamed reply is complete.
     */
    static HttpClientBuilder builder(Pattern endMarker) {
        return new Builder(false, endMarker);
    }

    /**
     * Like {@link #builder}, for OpenAI's chat-completions protocol: a plain {@code chat.completion} body on a
     * streamed request is read as its stream ({@link PlainJsonStream}). Not for Ollama, whose stream is JSON lines.
     */
    static HttpClientBuilder openAiBuilder() {
        return new Builder(true, OPENAI_END);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        return delegate.execute(request);
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener given) {
        StreamCancellation scope = StreamCancellation.current();
        ServerSentEventParser reading = plainJsonAsStream ? plainJsonAware(parser) : parser;
        ServerSentEventListener listener = new EndChecking(given, endMarker, scope);
        if (scope == null) {
            delegate.execute(request, reading, listener);
            return;
        }
        ServerSentEventParser registering = (body, eventListener) -> {
            scope.attachStream(body);
            if (!scope.isCancelled()) {
                reading.parse(body, eventListener);
            }
        };
        delegate.execute(request, registering, listener);
    }

    /** Reads a plain chat-completion body (a server that ignored {@code stream: true}) as its event stream. */
    private static ServerSentEventParser plainJsonAware(ServerSentEventParser parser) {
        return (body, eventListener) -> {
            InputStream events;
            try {
                events = PlainJsonStream.asEventStream(body);
            } catch (IOException | PlainJsonStream.PlainJsonReplyException e) {
                eventListener.onError(e);
                return;
            }
            parser.parse(events, eventListener);
        };
    }

    /**
     * Passes a stream's events on, and its end only once the end marker was seen; a stream that ends after some
     * events but before the marker is a dropped connection (retried like one). A stream this client abandoned ends as LangChain4j expects.
     */
    private static final class EndChecking implements ServerSentEventListener {
        private final ServerSentEventListener listener;
        private final Pattern endMarker;
        private final StreamCancellation scope;
        private volatile boolean ended;
        private volatile boolean begun;

        EndChecking(ServerSentEventListener listener, Pattern endMarker, StreamCancellation scope) {
            this.listener = listener;
            this.endMarker = endMarker;
            this.scope = scope;
        }

        @Override
        public void onOpen(dev.langchain4j.http.client.SuccessfulHttpResponse response) {
            listener.onOpen(response);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            see(event);
            listener.onEvent(event, context);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            see(event);
            listener.onEvent(event);
        }

        private void see(ServerSentEvent event) {
            begun = true;
            if (!ended && event != null && (matches(event.data()) || matches(event.event()))) {
                ended = true;
            }
        }

        private boolean matches(String text) {
            return text != null && endMarker.matcher(text).find();
        }

        @Override
        public void onError(Throwable error) {
            listener.onError(error);
        }

        @Override
        public void onClose() {
            // no event at all is not a cut stream but a body that is none (an invalid response, said so later)
            if (ended || !begun || (scope != null && scope.isCancelled())) {
                listener.onClose();
            } else {
                listener.onError(new EOFException("the server closed the stream before the reply was complete"));
            }
        }
    }

    /** Builds LangChain4j's default client and wraps it. */
    private static final class Builder implements HttpClientBuilder {
        private final HttpClientBuilder jdk = HttpClientBuilderLoader.loadHttpClientBuilder();
        private final boolean plainJsonAsStream;
        private final Pattern endMarker;

        Builder(boolean plainJsonAsStream, Pattern endMarker) {
            this.plainJsonAsStream = plainJsonAsStream;
            this.endMarker = endMarker;
        }

        @Override
        public Duration connectTimeout() {
            return jdk.connectTimeout();
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            jdk.connectTimeout(timeout);
            return this;
        }

        @Override
        public Duration readTimeout() {
            return jdk.readTimeout();
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            jdk.readTimeout(timeout);
            return this;
        }

        @Override
        public HttpClient build() {
            return new CancellableHttpClient(jdk.build(), plainJsonAsStream, endMarker);
        }
    }
}
