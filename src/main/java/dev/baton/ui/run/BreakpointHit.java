package dev.baton.ui.run;

import java.util.concurrent.CompletableFuture;

/**
 * The run stopped at a breakpoint: before {@code nodeId} starts, or before a handoff along {@code edgeId}. The engine
 * thread waits until {@link #proceed} (with the text unchanged or edited) or the run is cancelled.
 *
 * @param text what the node is about to get (its input) or the context the handoff is about to pass
 */
public record BreakpointHit(Kind kind, String nodeId, String edgeId, String from, int attempt, String text,
                            CompletableFuture<String> release) {

    /** Where the run stopped. */
    public enum Kind { NODE, HANDOFF }

    /** Lets the run go on with {@code passed} instead of {@link #text}; false when it already went on. */
    public boolean proceed(String passed) {
        return release.complete(passed == null ? text : passed);
    }

    /** Lets the run go on unchanged. */
    public boolean proceed() {
        return proceed(text);
    }

    public boolean released() {
        return release.isDone();
    }
}
