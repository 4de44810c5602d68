package dev.baton.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * Engine tuning that is not part of a flow.
 *
 * @param providerAttempts attempts per model call on retryable provider errors (1 = no retry)
 * @param backoffBase      first retry delay; doubled per attempt, with jitter between 50% and 100%
 * @param backoffMax       cap on one retry delay
 * @param seed             seed of the retry jitter (runs stay reproducible)
 * @param clock            time source of event timestamps
 */
public record RunnerOptions(int providerAttempts, Duration backoffBase, Duration backoffMax, long seed, Clock clock) {

    /** Four attempts, 500 ms doubling to at most 8 s. */
    public static final RunnerOptions DEFAULT =
            new RunnerOptions(4, Duration.ofMillis(500), Duration.ofSeconds(8), 42L, Clock.systemUTC());

    public RunnerOptions withBackoff(Duration base, Duration max) {
        return new RunnerOptions(providerAttempts, base, max, seed, clock);
    }

    public RunnerOptions withProviderAttempts(int attempts) {
        return new RunnerOptions(attempts, backoffBase, backoffMax, seed, clock);
    }
}
