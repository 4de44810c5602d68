package dev.baton.engine;

import java.time.Clock;
import java.time.Instant;

/**
 * The times a run's events carry. On the system clock: read from the wall clock at most every
 * {@link #RESYNC_NANOS} and carried forward by {@link System#nanoTime} in between, never going backwards, so that
 * event times follow event order even when the wall clock is stepped back (NTP) mid-run, and an event costs a
 * monotonic read instead of a wall-clock read (a tool call publishes four events). Any other clock (a test's fixed
 * clock, a host's deterministic one) is read as it is. Not thread-safe: the event bus reads it under its lock.
 */
final class EventClock {

    /** How long the wall clock is carried forward by the monotonic one before it is read again. */
    static final long RESYNC_NANOS = 200_000_000L;

    private final Clock clock;
    private final boolean carried;
    private Instant base;
    private long baseNanos;
    private Instant last = Instant.MIN;

    EventClock(Clock clock) {
        this(clock, clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone()));
    }

    /** {@code carried}: read as a wall clock (see the class); false reads {@code clock} at every event. */
    EventClock(Clock clock, boolean carried) {
        this.clock = clock;
        this.carried = carried;
    }

    Instant now() {
        if (!carried) {
            return clock.instant();
        }
        long nanos = System.nanoTime();
        Instant t;
        if (base == null || nanos - baseNanos >= RESYNC_NANOS) {
            base = clock.instant();
            baseNanos = nanos;
            t = base;
        } else {
            t = base.plusNanos(nanos - baseNanos);
        }
        if (t.isBefore(last)) {
            t = last; // the wall clock was stepped back: hold until it catches up
        }
        last = t;
        return t;
    }
}
