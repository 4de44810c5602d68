package dev.baton.ui.run;

/**
 * One model call on an agent's swimlane; times are milliseconds since the run started.
 *
 * @param endMs     -1 while the call is under way
 * @param model     "provider/model" that answered; "" until it did
 * @param costUsd   list price of the call; null while open, when the price is unknown, or when it failed
 * @param failed    true when the call (or its node) failed instead of answering
 */
public record TimelineBar(String lane, long startMs, long endMs, int turn, int inputTokens, int outputTokens,
                          long latencyMs, Double costUsd, String model, boolean failed) {

    /** An open bar: a call just made. */
    static TimelineBar started(String lane, long startMs, int turn) {
        return new TimelineBar(lane, startMs, -1, turn, 0, 0, 0, null, "", false);
    }

    public boolean open() {
        return endMs < 0;
    }

    /** Both token counts. */
    public int tokens() {
        return inputTokens + outputTokens;
    }

    /** True once the model answered (a bar closed by the run's end or a failure never did). */
    public boolean answered() {
        return !model.isEmpty();
    }

    /** Closed without an answer, e.g. at the run's end. */
    TimelineBar endedAt(long ms) {
        return new TimelineBar(lane, startMs, ms, turn, inputTokens, outputTokens, latencyMs, costUsd, model, failed);
    }

    /** Closed by the model's answer. */
    TimelineBar answeredAt(long ms, int in, int out, long latency, Double cost, String modelLabel) {
        return new TimelineBar(lane, startMs, ms, turn, in, out, latency, cost, modelLabel, false);
    }

    /** Closed by a failure. */
    TimelineBar failedAt(long ms) {
        return new TimelineBar(lane, startMs, ms, turn, inputTokens, outputTokens, latencyMs, costUsd, model, true);
    }
}
