package dev.baton.engine;

/** How a run ended. */
public enum RunStatus {
    /** The output node was reached. */
    SUCCEEDED,
    /** A node failed (provider error, critic exhausted with FAIL, missing human input …). */
    FAILED,
    /** Someone cancelled the run. */
    CANCELLED,
    /** A limit stopped the run (deadline, agent timeout, max turns, max handoffs, handoff loop, token budget). */
    LIMIT_REACHED
}
