package dev.baton.engine.model.provider;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * LangChain4j's default HTTP client (the JDK one, found on the classpath by its service loader), with streamed response bodies registered in the calling thread's
 * {@link StreamCancellation} so that an abandoned call really stops reading (and frees the connection).
 */
final class CancellableHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final boolean plainJsonAsStream;

    private CancellableHttpClient(HttpClient delegate, boolean plainJsonAsStream) {
        this.delegate = delegate;
        this.plainJsonAsStream = plainJsonAsStream;
    }

    /** A builder the provider builders accept; they set its timeouts from the model's timeout. */
    static HttpClientBuilder builder() {
        return new Builder(false);
    }

    /**
     * Like {@link #builder()}, for OpenAI's chat-completions protocol: a plain {@code chat.completion} body on a
     * streamed request is read as its stream ({@link PlainJsonStream}). Not for Ollama, whose stream is JSON lines.
     */
    static HttpClientBuilder openAiBuilder() {
        return new Builder(true);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        return delegate.execute(request);
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        StreamCancellation scope = StreamCancellation.current();
        ServerSentEventParser reading = plainJsonAsStream ? plainJsonAware(parser) : parser;
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

    /** Builds LangChain4j's default client and wraps it. */
    private static final class Builder implements HttpClientBuilder {
        private final HttpClientBuilder jdk = HttpClientBuilderLoader.loadHttpClientBuilder();
        private final boolean plainJsonAsStream;

        Builder(boolean plainJsonAsStream) {
            this.plainJsonAsStream = plainJsonAsStream;
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
            return new CancellableHttpClient(jdk.build(), plainJsonAsStream);
        }
    }
}
