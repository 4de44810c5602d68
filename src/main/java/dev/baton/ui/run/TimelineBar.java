package dev.baton.ui.run;

/**
 * One model call on an agent's swimlane; times are milliseconds since the run started.
 *
 * @param endMs -1 while the call is under way
 */
public record TimelineBar(String lane, long startMs, long endMs, int turn) {

    public boolean open() {
        return endMs < 0;
    }

    TimelineBar endedAt(long ms) {
        return new TimelineBar(lane, startMs, ms, turn);
    }
}
