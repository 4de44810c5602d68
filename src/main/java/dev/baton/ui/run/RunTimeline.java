package dev.baton.ui.run;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The run panel's timeline: one swimlane per agent, bars for model calls, arrows for handoffs, delegations, returns
 * and critic rejections. Filled from events by {@link RunViewModel}; a view only reads it.
 */
public final class RunTimeline {

    /** One finished activation of a lane's node: its own time and what it waited for a person, both in ms. */
    public record Activation(long endMs, long latencyMs, long waitedMs) { }

    private final ObservableList<String> lanes = FXCollections.observableArrayList();
    private final ObservableList<TimelineBar> bars = FXCollections.observableArrayList();
    private final ObservableList<TimelineArrow> arrows = FXCollections.observableArrayList();
    private final Map<String, Integer> openBars = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, List<Activation>> activations = new HashMap<>();
    private final UnaryOperator<String> labelOf;
    private long nowMs;

    /** @param labelOf the name shown for a lane (a node id) */
    RunTimeline(UnaryOperator<String> labelOf) {
        this.labelOf = labelOf;
    }

    RunTimeline() {
        this(UnaryOperator.identity());
    }

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

    /** The name shown at the left of a lane: the node's name, or its id when it has none. */
    public String label(String lane) {
        return labels.getOrDefault(lane, lane);
    }

    /** The time of the latest event applied, in ms since the run started; open bars reach at least here. */
    public long nowMs() {
        return nowMs;
    }

    /** True while some call is under way. */
    public boolean hasOpenBars() {
        return !openBars.isEmpty();
    }

    void clear() {
        lanes.clear();
        bars.clear();
        arrows.clear();
        openBars.clear();
        activations.clear();
        nowMs = 0;
    }

    void advance(long atMs) {
        nowMs = Math.max(nowMs, atMs);
    }

    void callStarted(String lane, long atMs, int turn) {
        lane(lane);
        Integer open = openBars.remove(lane);
        if (open != null) {
            bars.set(open, bars.get(open).endedAt(atMs)); // a call never answered: close it where the next began
        }
        openBars.put(lane, bars.size());
        bars.add(TimelineBar.started(lane, atMs, turn));
    }

    void callEnded(String lane, long atMs, int in, int out, long latencyMs, Double costUsd, String model) {
        Integer open = openBars.remove(lane);
        if (open != null) {
            bars.set(open, bars.get(open).answeredAt(atMs, in, out, latencyMs, costUsd, model));
        }
    }

    void activationEnded(String lane, long atMs, long latencyMs, long waitedMs) {
        activations.computeIfAbsent(lane, k -> new ArrayList<>()).add(new Activation(atMs, latencyMs, waitedMs));
    }

    /** The finished activation {@code bar}'s call belongs to: the first of its lane to end after the call did. */
    public Optional<Activation> activationOf(TimelineBar bar) {
        return activations.getOrDefault(bar.lane(), List.of()).stream().filter(a -> a.endMs() >= bar.endMs())
                .findFirst();
    }

    /** The lane's node failed: its open call, if any, ends there in red. */
    void callFailed(String lane, long atMs) {
        Integer open = openBars.remove(lane);
        if (open != null) {
            bars.set(open, bars.get(open).failedAt(atMs));
        }
    }

    /** Closes every open bar (the run ended). */
    void closeAll(long atMs) {
        openBars.forEach((lane, i) -> bars.set(i, bars.get(i).endedAt(atMs)));
        openBars.clear();
    }

    void arrow(String from, String to, long atMs, EdgeSignal.Kind kind, String context) {
        lane(from);
        lane(to);
        arrows.add(new TimelineArrow(from, to, atMs, kind, context == null ? "" : context));
    }

    private void lane(String id) {
        if (!labels.containsKey(id)) {
            labels.put(id, labelOf.apply(id));
            lanes.add(id);
        }
    }
}
