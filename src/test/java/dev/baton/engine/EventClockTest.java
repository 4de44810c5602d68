package dev.baton.engine;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Event times: carried forward between wall-clock reads, never backwards, other clocks read as they are. */
class EventClockTest {

    /** A wall clock a test sets. */
    private static final class SetClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-07T12:00:00Z");
        int reads;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            reads++;
            return now;
        }
    }

    @Test
    void aWallClockSteppedBackDoesNotMakeEventTimesGoBackwards() throws Exception {
        SetClock wall = new SetClock();
        EventClock clock = new EventClock(wall, true);
        Instant first = clock.now();
        assertThat(first).isEqualTo(wall.now);
        wall.now = wall.now.minus(Duration.ofMinutes(5)); // NTP steps the clock back
        Instant previous = first;
        long end = System.nanoTime() + 3 * EventClock.RESYNC_NANOS;
        while (System.nanoTime() < end) {
            Instant t = clock.now();
            assertThat(t).isAfterOrEqualTo(previous);
            previous = t;
            Thread.sleep(5);
        }
        assertThat(Duration.between(first, previous)).as("held at the last time given until the wall clock catches up")
                .isBetween(Duration.ZERO, Duration.ofNanos(EventClock.RESYNC_NANOS + 50_000_000L));
        wall.now = wall.now.plus(Duration.ofMinutes(10));
        Thread.sleep(EventClock.RESYNC_NANOS / 1_000_000 + 20);
        assertThat(clock.now()).as("the wall clock is read again").isAfterOrEqualTo(wall.now);
    }

    @Test
    void betweenReadsTheTimeMovesWithTheMonotonicClockAndTheWallIsReadRarely() throws Exception {
        SetClock wall = new SetClock();
        EventClock clock = new EventClock(wall, true);
        Instant first = clock.now();
        Thread.sleep(30);
        Instant later = clock.now();
        assertThat(Duration.between(first, later)).isBetween(Duration.ofMillis(25), Duration.ofMillis(
                EventClock.RESYNC_NANOS / 1_000_000));
        for (int i = 0; i < 1000; i++) {
            clock.now();
        }
        assertThat(wall.reads).as("1,002 events in well under the resync interval").isLessThanOrEqualTo(3);
    }

    @Test
    void anyOtherClockIsReadAsItIs() {
        Clock fixed = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
        EventClock clock = new EventClock(fixed);
        assertThat(clock.now()).isEqualTo(fixed.instant());
        SetClock wall = new SetClock();
        EventClock read = new EventClock(wall, false);
        wall.now = wall.now.minusSeconds(60);
        assertThat(read.now()).isEqualTo(wall.now);
    }
}
