package dev.baton.flow;

/** What happens when a critic has rejected its producer's output more often than the edge allows. */
public enum OnExhausted {
    /** Fail the run, naming the critic and its last feedback. */
    FAIL,
    /** Go on with the last output and record a warning. */
    CONTINUE_WITH_WARNING,
    /** Ask the person running the flow whether to accept, retry or fail. */
    ASK_HUMAN
}
