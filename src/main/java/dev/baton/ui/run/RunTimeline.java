package dev.baton.ui.run;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.Map;

/** The run panel's timeline: one swimlane per agent, bars for model calls, arrows for handoffs and delegations. */
public final class RunTimeline {

    private final ObservableList<String> lanes = FXCollections.observableArrayList();
    private final ObservableList<TimelineBar> bars = FXCollections.observableArrayList();
    private final ObservableList<TimelineArrow> arrows = FXCollections.observableArrayList();
    private final Map<String, Integer> openBars = new HashMap<>();

    /** Lane ids (node ids) in the order the agents first did something. */
    public ObservableList<String> lanes() {
        return lanes;
    }

    public ObservableList<TimelineBar> bars() {
        return bars;
    }

    public ObservableList<TimelineArrow> arrows() {
        return arrows;
    }

    void clear() {
        lanes.clear();
        bars.clear();
        arrows.clear();
        openBars.clear();
    }

    void callStarted(String lane, long atMs, int turn) {
        lane(lane);
        Integer open = openBars.remove(lane);
        if (open != null) {
            bars.set(open, bars.get(open).endedAt(atMs)); // a call never answered: close it where the next began
        }
        openBars.put(lane, bars.size());
        bars.add(new TimelineBar(lane, atMs, -1, turn));
    }

    void callEnded(String lane, long atMs) {
        Integer open = openBars.remove(lane);
        if (open != null) {
            bars.set(open, bars.get(open).endedAt(atMs));
        }
    }

    /** Closes every open bar (the run ended). */
    void closeAll(long atMs) {
        openBars.forEach((lane, i) -> bars.set(i, bars.get(i).endedAt(atMs)));
        openBars.clear();
    }

    void arrow(String from, String to, long atMs, EdgeSignal.Kind kind) {
        lane(from);
        lane(to);
        arrows.add(new TimelineArrow(from, to, atMs, kind));
    }

    private void lane(String id) {
        if (!lanes.contains(id)) {
            lanes.add(id);
        }
    }
}
