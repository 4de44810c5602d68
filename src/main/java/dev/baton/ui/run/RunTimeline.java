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
    private final ObservableList<ToolCallRecord> toolBars = FXCollections.observableArrayList();
    private final Map<String, Integer> openTools = new HashMap<>();
    private final Map<String, Integer> toolSlots = new HashMap<>();
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

    /** Tool calls on their agent's lane, in the order asked (open ones have {@code endMs} -1). */
    public ObservableList<ToolCallRecord> toolBars() {
        return toolBars;
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
        toolBars.clear();
        openTools.clear();
        toolSlots.clear();
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

    void toolStarted(ToolCallRecord r) {
        lane(r.nodeId());
        // calls of one reply run side by side: each gets the first place no open call of its lane holds
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        openTools.forEach((k, i) -> {
            if (toolBars.get(i).nodeId().equals(r.nodeId())) {
                taken.add(toolSlots.getOrDefault(k, 0));
            }
        });
        int slot = 0;
        while (slot < MAX_TOOL_SLOT && taken.contains(slot)) {
            slot++;
        }
        String key = r.nodeId() + "\u0000" + r.callId();
        toolSlots.put(key, slot);
        openTools.put(key, toolBars.size());
        toolBars.add(r);
    }

    /** Highest place of a tool bar: parallel calls beyond it share the last one. */
    public static final int MAX_TOOL_SLOT = 2;

    /** Where a tool bar sits among the calls running beside it on its lane: 0 alone or first, up to 2. */
    public int toolSlot(ToolCallRecord r) {
        return toolSlots.getOrDefault(r.nodeId() + "\u0000" + r.callId(), 0);
    }

    void toolEnded(ToolCallRecord r) {
        Integer i = openTools.remove(r.nodeId() + "\u0000" + r.callId());
        if (i != null) {
            toolBars.set(i, r);
        } else {
            lane(r.nodeId());
            toolBars.add(r);
        }
    }

    /** Closes every open bar (the run ended). */
    void closeAll(long atMs) {
        openTools.forEach((k, i) -> toolBars.set(i, toolBars.get(i).finished(atMs, true, "no result: the run ended",
                0, 0, false)));
        openTools.clear();
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
