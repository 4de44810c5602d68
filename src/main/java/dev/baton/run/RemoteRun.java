package dev.baton.run;

import dev.baton.engine.RunHandle;

import java.util.Set;

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
}
