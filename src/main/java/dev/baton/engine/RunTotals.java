package dev.baton.engine;

/**
 * What a run spent.
 *
 * @param inputTokens  prompt tokens over all model calls
 * @param outputTokens completion tokens over all model calls
 * @param modelCalls   number of model calls
 * @param elapsedMs    wall time from start to end
 */
public record RunTotals(long inputTokens, long outputTokens, int modelCalls, long elapsedMs) {

    /** Tokens in and out together. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
