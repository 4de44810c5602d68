package dev.baton.flow;

import java.util.List;

/**
 * How a CRITIC judges: an optional LLM rubric (answered as JSON {@code {pass, feedback}}) and deterministic checks.
 *
 * @param rubric what the critic's model is asked to verify, or null for checks only
 * @param checks deterministic checks, applied before the rubric
 */
public record CriticSpec(String rubric, List<Check> checks) {

    public CriticSpec {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** True when the critic would check nothing at all. */
    public boolean isEmpty() {
        return (rubric == null || rubric.isBlank()) && checks.isEmpty();
    }
}
