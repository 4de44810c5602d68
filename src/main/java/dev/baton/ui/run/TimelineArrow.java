package dev.baton.ui.run;

/** An arrow between two swimlanes at one moment (milliseconds since the run started). */
public record TimelineArrow(String fromLane, String toLane, long atMs, EdgeSignal.Kind kind) {
}
