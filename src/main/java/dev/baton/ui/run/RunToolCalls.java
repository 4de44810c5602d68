package dev.baton.ui.run;

import dev.baton.engine.RunEvent;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The tool calls of a run, from ToolCallRequested / ToolCallFinished: the list (for the node inspection and the
 * audit view), each node's latest call (for its card), the timeline's tool bars and the console's lines, which say
 * what the CLI's progress lines say.
 */
final class RunToolCalls {

    /** Console excerpts: arguments and results are cut to this many characters (the whole is in the inspection). */
    static final int CONSOLE_EXCERPT = 160;

    private final ObservableList<ToolCallRecord> calls = FXCollections.observableArrayList();
    private final Map<String, Integer> open = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Function<String, NodeView> nodes;
    private final RunTimeline timeline;
    private final Consumer<String> console;

    RunToolCalls(Function<String, NodeView> nodes, RunTimeline timeline, Consumer<String> console) {
        this.nodes = nodes;
        this.timeline = timeline;
        this.console = console;
    }

    ObservableList<ToolCallRecord> calls() {
        return calls;
    }

    /** True when the event was a tool call's and has been shown. */
    boolean apply(RunEvent event, long atMs) {
        if (event instanceof RunEvent.ToolCallRequested e) {
            ToolCallRecord r = ToolCallRecord.started(e.callId(), e.nodeId(), e.tool(), e.server(), e.argumentsJson(),
                    atMs);
            open.put(key(e.nodeId(), e.callId()), calls.size());
            calls.add(r);
            int n = inFlight.merge(e.nodeId(), 1, Integer::sum);
            nodes.apply(e.nodeId()).toolActivityProperty().set(new ToolActivity(r, n));
            timeline.toolStarted(r);
            console.accept("  tool " + e.nodeId() + " -> " + r.label() + " "
                    + ToolCallRecord.excerpt(e.argumentsJson(), CONSOLE_EXCERPT));
            return true;
        }
        if (event instanceof RunEvent.ToolCallFinished e) {
            Integer i = open.remove(key(e.nodeId(), e.callId()));
            ToolCallRecord r = i == null
                    ? ToolCallRecord.started(e.callId(), e.nodeId(), e.tool(), e.server(), "", atMs)
                    : calls.get(i);
            ToolCallRecord done = r.finished(atMs, e.error(), e.content(), e.durationMs(), e.bytes(), e.truncated());
            if (i == null) {
                calls.add(done);
            } else {
                calls.set(i, done);
            }
            int n = Math.max(0, inFlight.getOrDefault(e.nodeId(), 1) - 1);
            inFlight.put(e.nodeId(), n);
            nodes.apply(e.nodeId()).toolActivityProperty().set(new ToolActivity(done, n));
            timeline.toolEnded(done);
            console.accept("  tool " + done.label() + " " + done.status().word() + " (" + e.durationMs() + " ms, "
                    + e.bytes() + " bytes" + (e.truncated() ? ", truncated" : "") + "): "
                    + ToolCallRecord.excerpt(e.content(), CONSOLE_EXCERPT));
            return true;
        }
        return false;
    }

    /** The run ended: a call still open never came back; cards stop showing calls in flight. */
    void ended(long atMs) {
        open.clear();
        inFlight.clear();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).open()) {
                ToolCallRecord done = calls.get(i).finished(atMs, true, "no result: the run ended", 0, 0, false);
                calls.set(i, done);
                nodes.apply(done.nodeId()).toolActivityProperty().set(new ToolActivity(done, 0));
            }
        }
    }

    void clear() {
        calls.clear();
        open.clear();
        inFlight.clear();
    }

    private static String key(String nodeId, String callId) {
        return nodeId + "\u0000" + callId;
    }
}
