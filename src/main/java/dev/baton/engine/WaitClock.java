package dev.baton.engine;

/**
 * The time one activation was held by a person (at a breakpoint, or for an answer), so that its latency can leave it
 * out. Waits inside it on several threads at once (parallel workers at breakpoints) count once, as wall time during
 * which at least one of them waited. Each clock knows the clock of the activation it runs in, which is held too.
 */
final class WaitClock {

    private final WaitClock parent;
    private int holding;
    private long since;
    private long waitedNanos;

    WaitClock(WaitClock parent) {
        this.parent = parent;
    }

    /** Starts a wait at {@code now} for {@code clock} and every enclosing clock; null is no clock. */
    static void hold(WaitClock clock, long now) {
        for (WaitClock c = clock; c != null; c = c.parent) {
            c.begin(now);
        }
    }

    /** Ends a wait begun by {@link #hold}. */
    static void release(WaitClock clock, long now) {
        for (WaitClock c = clock; c != null; c = c.parent) {
            c.end(now);
        }
    }

    private synchronized void begin(long now) {
        if (holding++ == 0) {
            since = now;
        }
    }

    private synchronized void end(long now) {
        if (--holding == 0) {
            waitedNanos += now - since;
        }
    }

    /** Waited so far, a wait still going on included. */
    synchronized long waitedNanos(long now) {
        return waitedNanos + (holding > 0 ? now - since : 0);
    }
}
