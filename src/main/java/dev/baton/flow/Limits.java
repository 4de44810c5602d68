package dev.baton.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on a run, so that no loop (hallucination, handoff ping-pong, critic rejections) runs forever.
 *
 * @param maxTurnsPerAgent  model calls one agent may make within one activation (supervisor turns, tool rounds)
 * @param maxHandoffs       handoffs allowed in one run, or null for unbounded (invalid when handoffs can cycle)
 * @param maxCriticRetries  upper bound on any REVIEWS edge's retries
 * @param agentTimeout      wall time one agent activation may take
 * @param runDeadline       wall time the whole run may take
 * @param tokenBudget       total tokens the run may spend, or null for no budget
 */
public record Limits(int maxTurnsPerAgent, Integer maxHandoffs, int maxCriticRetries,
                     Duration agentTimeout, Duration runDeadline, Long tokenBudget) {

    /** Defaults a new flow starts with. */
    public static final Limits DEFAULT =
            new Limits(8, 20, 3, Duration.ofSeconds(120), Duration.ofMinutes(15), null);

    public Limits {
        Objects.requireNonNull(agentTimeout, "agentTimeout");
        Objects.requireNonNull(runDeadline, "runDeadline");
    }
}
