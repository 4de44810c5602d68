package dev.baton.ui.run;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.Map;

/** The run console's lines: one per step of the run, plus one growing line per streaming node and activation. */
final class RunConsole {

    /** Console lines kept; older ones scroll away. */
    static final int MAX_LINES = 2_000;

    private final ObservableList<String> lines = FXCollections.observableArrayList();
    /** Console index of each node's growing stream line in its current activation. */
    private final Map<String, Integer> streamLines = new HashMap<>();

    ObservableList<String> lines() {
        return lines;
    }

    /** The node's next text starts a new stream line (a new activation, or it finished). */
    void endStream(String nodeId) {
        streamLines.remove(nodeId);
    }

    /** Shows the tail of what {@code nodeId} streamed so far on its stream line. */
    void stream(String nodeId, String tail) {
        // one growing line per streaming node and activation, updated in place even when parallel workers
        // interleave their chunks (a line per chunk would flood the console and repeat text)
        String shown = "~ " + nodeId + ": " + (tail.length() > 200 ? "…" + tail.substring(tail.length() - 200) : tail)
                .replace('\n', ' ');
        Integer at = streamLines.get(nodeId);
        if (at != null && at < lines.size()) {
            lines.set(at, shown);
        } else {
            line(shown);
            streamLines.put(nodeId, lines.size() - 1);
        }
    }

    void line(String text) {
        lines.add(text);
        // trimmed a tenth at a time: removing the first line on every new one would shift a list view per event
        if (lines.size() > MAX_LINES + MAX_LINES / 10) {
            int removed = lines.size() - MAX_LINES;
            lines.remove(0, removed);
            streamLines.replaceAll((node, index) -> index - removed);
            streamLines.values().removeIf(index -> index < 0);
        }
    }
}
