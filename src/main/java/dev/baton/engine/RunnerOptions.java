package dev.baton.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Engine tuning that is not part of a flow.
 *
 * @param providerAttempts attempts per model call on retryable provider errors (1 = no retry)
 * @param backoffBase      first retry delay; doubled per attempt, with jitter between 50% and 100%
 * @param backoffMax       cap on one retry delay
 * @param seed             seed of the retry jitter (runs stay reproducible)
 * @param clock            time source of event timestamps
 * @param tokenChunkWindow how long one model call's streamed chunks are joined into one event (zero: every chunk
 *                         its own event); see {@link ChunkCoalescer}
 */
public record RunnerOptions(int providerAttempts, Duration backoffBase, Duration backoffMax, long seed, Clock clock,
                            Duration tokenChunkWindow) {

    /** Well under what a reader notices, long enough to merge a provider's per-token bursts. */
    public static final Duration DEFAULT_TOKEN_CHUNK_WINDOW = Duration.ofMillis(25);

    /** Four attempts, 500 ms doubling to at most 8 s, chunks joined per 25 ms. */
    public static final RunnerOptions DEFAULT = new RunnerOptions(4, Duration.ofMillis(500), Duration.ofSeconds(8),
            42L, Clock.systemUTC(), DEFAULT_TOKEN_CHUNK_WINDOW);

    public RunnerOptions {
        Objects.requireNonNull(tokenChunkWindow, "tokenChunkWindow");
        if (tokenChunkWindow.isNegative()) {
            throw new IllegalArgumentException("tokenChunkWindow must not be negative: " + tokenChunkWindow);
        }
    }

    /** The options with the default token-chunk window. */
    public RunnerOptions(int providerAttempts, Duration backoffBase, Duration backoffMax, long seed, Clock clock) {
        this(providerAttempts, backoffBase, backoffMax, seed, clock, DEFAULT_TOKEN_CHUNK_WINDOW);
    }

    public RunnerOptions withBackoff(Duration base, Duration max) {
        return new RunnerOptions(providerAttempts, base, max, seed, clock, tokenChunkWindow);
    }

    public RunnerOptions withProviderAttempts(int attempts) {
        return new RunnerOptions(attempts, backoffBase, backoffMax, seed, clock, tokenChunkWindow);
    }

    /** The same options with another token-chunk window (zero: every streamed chunk its own event). */
    public RunnerOptions withTokenChunkWindow(Duration window) {
        return new RunnerOptions(providerAttempts, backoffBase, backoffMax, seed, clock, window);
    }
}
