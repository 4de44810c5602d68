package dev.baton.engine;

import java.time.Duration;

/**
 * Time arithmetic that cannot overflow. A flow built in code (or an old file) may carry a timeout of
 * {@code Long.MAX_VALUE} seconds; {@link Duration#toNanos()} of it throws and {@code nanoTime() + nanos} wraps into the
 * past. Every duration the engine turns into a number goes through here, capped at {@link #MAX_NANOS} (73 years), so
 * that a deadline far away stays far away and differences of {@link System#nanoTime()} values stay exact.
 */
public final class Saturating {

    /** The longest wait the engine measures: a quarter of the nanosecond range, so sums of two never overflow. */
    public static final long MAX_NANOS = Long.MAX_VALUE / 4;

    private Saturating() {
    }

    /** The duration in nanoseconds, 0 for a negative one, at most {@link #MAX_NANOS}. */
    public static long nanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        if (d.getSeconds() >= MAX_NANOS / 1_000_000_000L) {
            return MAX_NANOS;
        }
        return d.toNanos();
    }

    /** The duration in milliseconds, 0 for a negative one, at most {@link #MAX_NANOS} / 10^6. */
    public static long millis(Duration d) {
        return nanos(d) / 1_000_000L;
    }

    /** {@code now + d} as a {@link System#nanoTime()} deadline that never wraps into the past. */
    public static long deadline(long nowNanos, Duration d) {
        return nowNanos + nanos(d);
    }

    /** The sum of two waits, capped like {@link #nanos(Duration)}, in milliseconds. */
    public static long millis(Duration a, Duration b) {
        return Math.min(MAX_NANOS, nanos(a) + nanos(b)) / 1_000_000L;
    }
}
