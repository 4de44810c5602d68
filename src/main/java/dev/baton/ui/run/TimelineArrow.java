package dev.baton.ui.run;

/**
 * An arrow between two swimlanes at one moment (milliseconds since the run started).
 *
 * @param context the context policy of the edge it went along ("LAST", "SUMMARY · ≤2000 tok" …), "" when none applies
 */
public record TimelineArrow(String fromLane, String toLane, long atMs, EdgeSignal.Kind kind, String context) {
}
