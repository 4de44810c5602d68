package dev.baton.engine.model.provider;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.flow.FlowBounds;
import dev.baton.flow.ModelRef;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A LangChain4j streaming chat model behind Baton's blocking {@link AgentModel}: the calling thread waits for the
 * stream, partial text goes to the sink, and an interrupt or a silent provider ends the wait promptly.
 */
final class StreamingAgentModel implements AgentModel {

    /** Lets the HTTP client's own timeout fire first, so that its (more precise) failure is the one reported. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    /**
     * The most characters one reply may stream (text, thinking and tool arguments together): the engine refuses a
     * longer reply anyway, and one refused only at its end would first have filled the events file, the audit
     * database and the screen with every chunk of it.
     */
    static final long MAX_REPLY_CHARS = FlowBounds.MAX_OUTPUT_CHARS;

    /** A stream may outlive the timeout while it keeps producing; this bounds one that trickles forever. */
    private static final int MAX_TOTAL_TIMEOUTS = 10;

    private final ModelRef ref;
    private final StreamingChatModel model;
    private final Duration timeout;
    private final boolean jsonFormatSupported;

    /**
     * @param timeout             the HTTP timeout: the longest silence tolerated from the provider
     * @param jsonFormatSupported whether the provider honours a JSON response format (else the prompt must ask)
     */
    StreamingAgentModel(ModelRef ref, StreamingChatModel model, Duration timeout, boolean jsonFormatSupported) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.model = Objects.requireNonNull(model, "model");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.jsonFormatSupported = jsonFormatSupported;
    }

    @Override
    public ModelReply chat(ModelRequest request, TokenSink sink) throws ModelException {
        Objects.requireNonNull(request, "request");
        TokenSink tokens = sink == null ? TokenSink.NONE : sink;
        if (Thread.currentThread().isInterrupted()) {
            throw cancelled(null);
        }
        StreamCancellation cancellation = new StreamCancellation();
        PendingReply pending = new PendingReply(tokens, cancellation);
        try {
            ChatRequest chatRequest = MessageMapper.toChatRequest(request, jsonFormatSupported);
            cancellation.start(() -> {
                model.chat(chatRequest, pending);
                return null;
            });
        } catch (RuntimeException e) {
            // Some failures (an empty conversation, a rejected parameter, an unsupported feature) are thrown
            // before anything is sent.
            cancellation.cancel();
            throw ErrorClassifier.classifyBeforeSending(e, ref.label());
        }
        ChatResponse response = pending.await();
        return MessageMapper.toReply(response, request, ref.provider(), ref.name(), ref.label());
    }

    private ModelException cancelled(Throwable cause) {
        // Keep the interrupt visible to the engine: it is how cancellation travels up the call stack.
        Thread.currentThread().interrupt();
        return ErrorClassifier.exception(Kind.CANCELLED, 0, "model '" + ref.label() + "' cancelled: the call was "
                + "interrupted", cause);
    }

    /** Receives one call's stream and lets the calling thread wait for its end with timeouts. */
    private final class PendingReply implements StreamingChatResponseHandler {
        private final TokenSink sink;
        private final StreamCancellation cancellation;
        private final CompletableFuture<ChatResponse> outcome = new CompletableFuture<>();
        private volatile long lastActivityNanos = System.nanoTime();
        private volatile boolean abandoned;
        private volatile boolean answered;
        private final java.util.concurrent.atomic.AtomicLong receivedChars = new java.util.concurrent.atomic.AtomicLong();

        PendingReply(TokenSink sink, StreamCancellation cancellation) {
            this.sink = sink;
            this.cancellation = cancellation;
        }

        ChatResponse await() throws ModelException {
            long idleNanos = timeout.plus(GRACE).toNanos();
            long hardDeadline = System.nanoTime() + Math.max(idleNanos, timeout.toNanos() * MAX_TOTAL_TIMEOUTS);
            while (true) {
                long now = System.nanoTime();
                long wait = Math.min(lastActivity() + idleNanos, hardDeadline) - now;
                if (wait <= 0) {
                    abandon();
                    throw timedOut(now - hardDeadline >= 0 ? overran() : silence(), null);
                }
                try {
                    return outcome.get(wait, TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillWaiting) {
                    // Loop: the stream may have produced something meanwhile, which moves the idle deadline.
                } catch (InterruptedException e) {
                    abandon();
                    throw cancelled(e);
                } catch (ExecutionException e) {
                    abandon();
                    Throwable failure = e.getCause() == null ? e : e.getCause();
                    if (failure instanceof ModelException classifiedHere) {
                        throw classifiedHere;
                    }
                    ModelException classified = ErrorClassifier.classify(failure, ref.label());
                    // The HTTP client's own timeout says only "request timed out": say how long and what to change.
                    throw classified.kind() == Kind.TIMEOUT ? timedOut(silence(), failure) : classified;
                }
            }
        }

        /**
         * The later of the last streamed part and the last whole line on the wire: a keep-alive (an SSE comment
         * such as OpenRouter's {@code : OPENROUTER PROCESSING}, Anthropic's {@code ping} event) reaches no handler
         * method, yet proves the server is still working on the reply.
         */
        private long lastActivity() {
            long parts = lastActivityNanos;
            long line = cancellation.lastLineNanos();
            return line - parts > 0 ? line : parts;
        }

        /** Why the hard deadline ended the call: a reply that went on too long, or keep-alives and no answer. */
        private String overran() {
            long total = timeout.toSeconds() * MAX_TOTAL_TIMEOUTS;
            return answered ? "the reply took longer than " + MAX_TOTAL_TIMEOUTS + " × " + timeout.toSeconds() + " s"
                    : "the server kept the stream alive for " + total + " s but sent no answer";
        }

        /** "no answer in N s" before the first token, "no data for N s" once the reply had begun. */
        private String silence() {
            return (answered ? "no data for " : "no answer in ") + timeout.toSeconds() + " s";
        }

        private ModelException timedOut(String what, Throwable cause) {
            return ErrorClassifier.exception(Kind.TIMEOUT, 0, "model '" + ref.label() + "' timed out: " + what
                    + "; raise model.timeoutSeconds (now " + timeout.toSeconds() + ")", cause);
        }

        private void abandon() {
            abandoned = true;
            cancellation.cancel();
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            if (context != null) {
                cancellation.attachHandle(context.streamingHandle());
            }
            onPartialResponse(partialResponse.text());
        }

        @Override
        public void onPartialResponse(String text) {
            lastActivityNanos = System.nanoTime();
            answered = true;
            if (!abandoned && text != null && !text.isEmpty() && withinCap(text.length())) {
                sink.onToken(text);
            }
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            lastActivityNanos = System.nanoTime();
            answered = true;
            withinCap(partialThinking == null || partialThinking.text() == null ? 0 : partialThinking.text().length());
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            lastActivityNanos = System.nanoTime();
            answered = true;
            withinCap(partialToolCall == null || partialToolCall.partialArguments() == null ? 0
                    : partialToolCall.partialArguments().length());
        }

        /** Counts streamed characters; past {@link #MAX_REPLY_CHARS} the call fails and the stream is closed. */
        private boolean withinCap(int chars) {
            if (receivedChars.addAndGet(chars) <= MAX_REPLY_CHARS) {
                return true;
            }
            if (!abandoned) {
                outcome.completeExceptionally(ErrorClassifier.exception(Kind.INVALID_RESPONSE, 0, "model '"
                        + ref.label() + "' invalid response: the reply went on past " + String.format(
                        java.util.Locale.ROOT, "%,d", MAX_REPLY_CHARS) + " characters; the stream was stopped",
                        null));
                abandon();
            }
            return false;
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            outcome.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            outcome.completeExceptionally(error);
        }
    }
}
