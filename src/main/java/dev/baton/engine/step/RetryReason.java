package dev.baton.engine.step;

/**
 * Why something ran again; its name is the {@code reason} written for a {@code RunEvent.Retried} event. It lives in
 * engine.step, below the engine, because the deciding steps name it too.
 */
public enum RetryReason {
    /** A critic rejected the producer's output: the producer runs again with the feedback. */
    REVIEW,
    /** A model call failed with an error worth retrying: the call is made again after a delay. */
    PROVIDER,
    /** A model's reply was not in the JSON form asked for: it is asked once more. */
    FORMAT
}
