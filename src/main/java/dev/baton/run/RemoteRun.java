package dev.baton.run;

import dev.baton.engine.RunHandle;
import dev.baton.engine.RunResult;

import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * A run on a {@link RemoteEngine}, followed here: a {@link RunHandle} (cancel, answer, approve a tool call, the
 * result) plus what only a remote run needs said to it: go on from a breakpoint, change the breakpoints.
 */
public interface RemoteRun extends RunHandle {

    /**
     * Lets the run go on from the breakpoint it is held at with {@code text} as the node's input or the handoff's
     * context (null: unchanged). Only the stop that was reported to the gate is released; false when the run is held
     * nowhere (or cannot be reached).
     */
    boolean resume(String text);

    /** Replaces the run's breakpoints from now on (the designer toggles them while it runs). */
    void breakpoints(Set<String> nodes, Set<String> handoffs);

    /**
     * Waits for {@code run}'s end. The first interrupt of the waiting thread (a front end's Stop) cancels the run and
     * goes on following it to its end, each event still handed on once; a second one gives up following (the run
     * still ends where it runs).
     */
    static RunResult followToEnd(RemoteRun run) throws InterruptedException {
        try {
            return endOf(run);
        } catch (InterruptedException e) {
            run.cancel();
            return endOf(run);
        }
    }

    private static RunResult endOf(RemoteRun run) throws InterruptedException {
        try {
            return run.result().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
    }
}
