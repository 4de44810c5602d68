package dev.baton.flow;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a JUDGE decides.
 *
 * @param strategy   the resolution strategy
 * @param trust      trust score (0..1) per node id, used by TRUST_RANKING and as a tie-breaker by the others
 * @param verifierId the node that re-verifies contradicting claims (RE_VERIFY only), or null
 */
public record JudgeSpec(JudgeStrategy strategy, Map<String, Double> trust, String verifierId) {

    public JudgeSpec {
        Objects.requireNonNull(strategy, "strategy");
        // sorted, so that equal specs write equal JSON
        trust = trust == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(trust));
    }

    /** A spec of the given strategy with no trust scores and no verifier. */
    public static JudgeSpec of(JudgeStrategy strategy) {
        return new JudgeSpec(strategy, Map.of(), null);
    }
}
