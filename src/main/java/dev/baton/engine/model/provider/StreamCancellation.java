package dev.baton.engine.model.provider;

import dev.langchain4j.model.chat.response.StreamingHandle;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Lets one model call close its own response stream when the caller gives up (interrupt, timeout). The adapter
 * opens a scope on the calling thread; {@link CancellableHttpClient} picks it up there, because LangChain4j's
 * streaming models start the HTTP exchange synchronously on the caller's thread.
 */
final class StreamCancellation {

    private static final ThreadLocal<StreamCancellation> CURRENT = new ThreadLocal<>();

    private volatile boolean cancelled;
    private volatile Closeable stream;
    private volatile StreamingHandle handle;
    private volatile Future<?> exchange;
    /**
     * When the response body last delivered a whole line, any line: a keep-alive comment or ping the model never
     * sees still shows that the server is working on the reply.
     */
    private volatile long lastLineNanos = System.nanoTime();

    /** The scope opened on this thread, or null outside a model call. */
    static StreamCancellation current() {
        return CURRENT.get();
    }

    /** Runs {@code action} (the start of a streaming call) with this scope visible to the HTTP client. */
    <T> T start(Supplier<T> action) {
        StreamCancellation previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Called when the response body opens; closes it at once when the call was already abandoned. */
    void attachStream(Closeable body) {
        stream = body;
        if (cancelled) {
            closeQuietly(body);
        }
    }

    /** The exchange before its response arrives: cancelling it aborts a request the server has not answered yet. */
    void attachExchange(Future<?> pending) {
        exchange = pending;
        if (cancelled) {
            pending.cancel(true);
        }
    }

    /** LangChain4j's own handle, known once the first partial response arrived. */
    void attachHandle(StreamingHandle streamingHandle) {
        if (streamingHandle == null || handle != null) {
            return;
        }
        handle = streamingHandle;
        if (cancelled) {
            cancelHandle(streamingHandle);
        }
    }

    /** Called by the transport each time the response body delivers a whole line. */
    void lineArrived() {
        lastLineNanos = System.nanoTime();
    }

    /** The {@link System#nanoTime()} of the last line received, or of this scope's creation before any came. */
    long lastLineNanos() {
        return lastLineNanos;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Stops the exchange: closing the body ends the reader thread; the handle stops LangChain4j's parser. */
    void cancel() {
        cancelled = true;
        Future<?> pending = exchange;
        if (pending != null) {
            pending.cancel(true);
        }
        Closeable body = stream;
        if (body != null) {
            closeQuietly(body);
        }
        StreamingHandle streamingHandle = handle;
        if (streamingHandle != null) {
            cancelHandle(streamingHandle);
        }
    }

    private static void cancelHandle(StreamingHandle streamingHandle) {
        try {
            streamingHandle.cancel();
        } catch (RuntimeException ignored) {
            // Some providers' handles do not support cancelling; closing the body already stopped the stream.
        }
    }

    private static void closeQuietly(Closeable body) {
        try {
            body.close();
        } catch (IOException | RuntimeException ignored) {
            // The stream is being abandoned; a failure to close it changes nothing for the caller.
        }
    }
}
