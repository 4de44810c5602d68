package dev.baton.engine;

/** Receives a run's events in sequence order, on a listener thread (an {@link Inline} one on the publishing thread). */
@FunctionalInterface
public interface RunListener {

    void onEvent(RunEvent event);

    /**
     * A listener whose {@link #onEvent} is cheap and never blocks (say, one append to a lock-free queue): the bus
     * calls it directly on the publishing engine thread, in sequence order, instead of waking a listener thread that
     * would only pass the event on. It must not wait, do I/O or call back into the run; what it throws is caught and
     * reported once, and the run goes on.
     */
    interface Inline extends RunListener {
    }
}
