package dev.baton.flow;

/** What a SUPERVISOR does when a worker fails after its retries. */
public enum WorkerFailurePolicy {
    /** The default: the failure goes back to the supervisor as the tool's result; it may re-delegate or answer. */
    REPORT,
    /** The run fails with the worker's error, as if the supervisor could not go on without it. */
    FAIL
}
