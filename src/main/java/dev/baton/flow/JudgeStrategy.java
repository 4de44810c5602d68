package dev.baton.flow;

/** How a JUDGE resolves contradicting inputs on a join. */
public enum JudgeStrategy {
    /** The judge's model picks one input or merges them, and gives a rationale. */
    LLM_JUDGE,
    /** The answer most inputs agree on wins. */
    MAJORITY_VOTE,
    /** The input from the most trusted agent wins (trust scores per agent). */
    TRUST_RANKING,
    /** Contradicting claims go to a verifier agent, whose verdict decides. */
    RE_VERIFY
}
