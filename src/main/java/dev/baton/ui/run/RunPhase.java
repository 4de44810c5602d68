package dev.baton.ui.run;

/** The overall status of the run being watched. */
public enum RunPhase {
    NOT_STARTED, RUNNING, SUCCEEDED, FAILED, CANCELLED, LIMIT_REACHED;

    /** True once the run has ended, whichever way. */
    public boolean ended() {
        return this != NOT_STARTED && this != RUNNING;
    }
}
