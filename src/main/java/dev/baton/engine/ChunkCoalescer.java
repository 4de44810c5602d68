package dev.baton.engine;

import dev.baton.engine.model.TokenSink;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A token sink that joins one model call's streamed chunks so that at most one {@link RunEvent.TokenChunk} leaves
 * per window: real providers stream a chunk per token, and every chunk event costs every listener (an audit row, a
 * UI update, a line in an events file). The window starts with the call: a chunk that arrives a full window after
 * the call started or after the last emission goes out at once with whatever was buffered (a network model's first
 * token comes later than that, so the user still sees the reply start at once); other chunks wait in the buffer
 * until such a chunk or {@link #flush()}, which the caller runs before the call's reply event and on every failure.
 * No timer thread: a stream that stalls keeps its buffer until its next chunk or its end. The text joined over all
 * emissions is exactly the text received.
 */
final class ChunkCoalescer implements TokenSink {

    private final Consumer<String> emit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final StringBuilder buffer = new StringBuilder();
    private long lastEmitNanos;
    private boolean closed;

    ChunkCoalescer(Consumer<String> emit, long windowMillis, LongSupplier nanoClock) {
        this(emit, windowMillis, nanoClock, nanoClock.getAsLong());
    }

    /** A coalescer whose first window started at {@code startNanos} (on {@code nanoClock}): when the call began. */
    ChunkCoalescer(Consumer<String> emit, long windowMillis, LongSupplier nanoClock, long startNanos) {
        this.emit = emit;
        this.windowNanos = windowMillis * 1_000_000L;
        this.nanoClock = nanoClock;
        this.lastEmitNanos = startNanos;
    }

    /** A coalescer on the wall clock with the run's window ({@link RunnerOptions#tokenChunkWindow()}). */
    static ChunkCoalescer of(Consumer<String> emit, Duration window) {
        return new ChunkCoalescer(emit, window.toMillis(), System::nanoTime);
    }

    /** As {@link #of(Consumer, Duration)}, made after the call began at {@code startNanos} ({@link System#nanoTime}). */
    static ChunkCoalescer of(Consumer<String> emit, Duration window, long startNanos) {
        return new ChunkCoalescer(emit, window.toMillis(), System::nanoTime, startNanos);
    }

    // synchronized: streaming providers call the sink on their HTTP thread while the engine thread may flush
    @Override
    public synchronized void onToken(String chunk) {
        if (chunk == null || chunk.isEmpty()) {
            return;
        }
        if (closed) {
            // a provider that keeps streaming after the call ended: pass through rather than lose text
            emit.accept(chunk);
            return;
        }
        buffer.append(chunk);
        long now = nanoClock.getAsLong();
        if (now - lastEmitNanos >= windowNanos) {
            emitBuffer(now);
        }
    }

    /** Emits whatever is buffered; the coalescer stays usable (a retried call streams into a fresh one anyway). */
    synchronized void flush() {
        if (buffer.length() > 0) {
            emitBuffer(nanoClock.getAsLong());
        }
    }

    /** Flushes and lets later chunks through one by one: the call is over, nothing would flush them again. */
    synchronized void close() {
        flush();
        closed = true;
    }

    private void emitBuffer(long now) {
        String text = buffer.toString();
        buffer.setLength(0);
        lastEmitNanos = now;
        emit.accept(text);
    }
}
