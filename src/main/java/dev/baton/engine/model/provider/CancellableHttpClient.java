package dev.baton.engine.model.provider;

import dev.baton.engine.model.ModelException.Kind;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The HTTP client Baton hands LangChain4j's models: plain requests go to LangChain4j's default (JDK) client, streamed
 * ones through {@link StreamingTransport}, whose body is registered in the calling thread's {@link StreamCancellation}
 * so that an abandoned call really stops reading (and frees the connection). Each stream is checked against its
 * {@link StreamProtocol}: one that ends before its end marker is a dropped connection (LangChain4j completes the reply
 * at the end of the body, so a cut stream would otherwise pass off half an answer as the whole one), an error sent
 * inside the stream is reported as one, and shapes LangChain4j cannot read are mended first.
 */
final class CancellableHttpClient implements HttpClient {

    /** LangChain4j's client for plain requests, built on first need: each JDK client holds a selector thread. */
    private final java.util.function.Supplier<HttpClient> plain;
    private HttpClient delegate;
    private final StreamingTransport streaming;
    private final boolean plainJsonAsStream;
    private final StreamProtocol protocol;

    private CancellableHttpClient(java.util.function.Supplier<HttpClient> plain, StreamingTransport streaming,
                                  boolean plainJsonAsStream, StreamProtocol protocol) {
        this.plain = plain;
        this.streaming = streaming;
        this.plainJsonAsStream = plainJsonAsStream;
        this.protocol = protocol;
    }

    /** A builder the provider builders accept; they set its timeouts from the model's timeout. */
    static HttpClientBuilder builder(StreamProtocol protocol) {
        return new Builder(false, protocol);
    }

    /**
     * Like {@link #builder}, for OpenAI's chat-completions protocol: a plain {@code chat.completion} body on a
     * streamed request is read as its stream ({@link PlainJsonStream}). Not for Ollama, whose stream is JSON lines.
     */
    static HttpClientBuilder openAiBuilder() {
        return new Builder(true, StreamProtocol.OPENAI);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        HttpClient client;
        synchronized (this) {
            if (delegate == null) {
                delegate = plain.get();
            }
            client = delegate;
        }
        return client.execute(request);
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener given) {
        StreamCancellation scope = StreamCancellation.current();
        ServerSentEventParser reading = plainJsonAsStream ? plainJsonAware(parser)
                : protocol == StreamProtocol.OLLAMA ? parser : jsonErrorAware(parser);
        streaming.execute(request, reading, new Guarded(given, protocol, scope), scope);
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

    /** Reports a plain JSON body where an event stream was due: the error it holds, or that it is no stream. */
    private static ServerSentEventParser jsonErrorAware(ServerSentEventParser parser) {
        return (body, eventListener) -> {
            InputStream events;
            try {
                events = PlainJsonStream.eventStreamOrError(body);
            } catch (IOException | RuntimeException e) {
                eventListener.onError(e);
                return;
            }
            parser.parse(events, eventListener);
        };
    }

    /**
     * Passes a stream's events on, mended, and its end only once the end marker was seen; a stream that ends after
     * some events but before the marker is a dropped connection (retried like one), an error event ends the call
     * with that error. A stream this client abandoned ends as LangChain4j expects.
     */
    private static final class Guarded implements ServerSentEventListener {
        private final ServerSentEventListener listener;
        private final StreamProtocol protocol;
        private final StreamCancellation scope;
        private final int[] toolCallsSeen = new int[1];
        private volatile boolean ended;
        private volatile boolean begun;
        private volatile boolean failed;
        private volatile String contentType;

        Guarded(ServerSentEventListener listener, StreamProtocol protocol, StreamCancellation scope) {
            this.listener = listener;
            this.protocol = protocol;
            this.scope = scope;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            if (response != null && response.headers() != null) {
                response.headers().forEach((name, values) -> {
                    if ("content-type".equalsIgnoreCase(name) && values != null && !values.isEmpty()) {
                        contentType = values.get(0);
                    }
                });
            }
            listener.onOpen(response);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            ServerSentEvent passed = see(event);
            if (passed != null) {
                listener.onEvent(passed, context);
            }
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            ServerSentEvent passed = see(event);
            if (passed != null) {
                listener.onEvent(passed);
            }
        }

        /** The event to pass on, or null when it ended the call. */
        private ServerSentEvent see(ServerSentEvent event) {
            if (failed || event == null) {
                return null;
            }
            begun = true;
            StreamProtocol.ErrorInStream error = protocol.errorIn(event);
            if (error != null) {
                failed = true;
                listener.onError(error);
                return null;
            }
            if (!ended && protocol.isEnd(event)) {
                ended = true;
            }
            return protocol.normalise(event, toolCallsSeen);
        }

        @Override
        public void onError(Throwable error) {
            if (!failed) {
                failed = true;
                listener.onError(error);
            }
        }

        @Override
        public void onClose() {
            if (failed) {
                return;
            }
            if (ended || (scope != null && scope.isCancelled())) {
                listener.onClose();
            } else if (!begun) {
                // not a cut stream but a body that is none (empty, an HTML page): some LangChain4j models would
                // wait for the end event until the timeout, and then be retried as if the server were slow
                onError(new StreamProtocol.ErrorInStream("the server answered with no event in its body"
                        + (contentType == null ? "" : " (" + contentType + ")"), Kind.INVALID_RESPONSE));
            } else {
                onError(new EOFException("the server closed the stream before the reply was complete"));
            }
        }
    }

    /** Builds LangChain4j's default client for plain requests, and the streaming transport beside it. */
    private static final class Builder implements HttpClientBuilder {
        private final HttpClientBuilder jdk = HttpClientBuilderLoader.loadHttpClientBuilder();
        private final boolean plainJsonAsStream;
        private final StreamProtocol protocol;

        Builder(boolean plainJsonAsStream, StreamProtocol protocol) {
            this.plainJsonAsStream = plainJsonAsStream;
            this.protocol = protocol;
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
            return new CancellableHttpClient(jdk::build, new StreamingTransport(jdk.connectTimeout(),
                    jdk.readTimeout()), plainJsonAsStream, protocol);
        }
    }
}
