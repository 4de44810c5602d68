package dev.baton.flow;

import java.util.Objects;

/**
 * The bounded retry loop of a REVIEWS edge.
 *
 * @param maxRetries  how many times the producer may run again after a rejection (0 = check only, no retry)
 * @param onExhausted what to do when the retries are used up
 */
public record ReviewPolicy(int maxRetries, OnExhausted onExhausted) {

    /** Two retries, then fail. */
    public static final ReviewPolicy DEFAULT = new ReviewPolicy(2, OnExhausted.FAIL);

    public ReviewPolicy {
        Objects.requireNonNull(onExhausted, "onExhausted");
    }
}
