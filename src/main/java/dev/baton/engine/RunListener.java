package dev.baton.engine;

/** Receives a run's events in sequence order, on a listener thread; never on the engine's own threads. */
@FunctionalInterface
public interface RunListener {

    void onEvent(RunEvent event);
}
