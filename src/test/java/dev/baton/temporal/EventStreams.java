package dev.baton.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.RunEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Event streams made comparable across engines: run id, times and measured durations left out. */
final class EventStreams {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TIMING = List.of("runId", "time", "latencyMs", "durationMs", "elapsedMs");

    private EventStreams() {
    }

    /** One line per event: its type and its fields without the run id, times and measured durations. */
    static List<String> comparable(List<RunEvent> events) {
        List<String> out = new ArrayList<>();
        for (RunEvent e : events) {
            try {
                JsonNode node = JSON.readTree(WireEvents.encode(e));
                strip(node);
                out.add(node.toString());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return out;
    }

    /** As {@link #comparable}, without sequence numbers. */
    static List<String> withoutSeq(List<RunEvent> events) {
        List<String> out = new ArrayList<>();
        for (String line : comparable(events)) {
            out.add(line.replaceAll("\"seq\":\\d+,?", ""));
        }
        return out;
    }

    /** Each node's events in order, without sequence numbers. */
    static Map<String, List<String>> byNode(List<RunEvent> events) {
        Map<String, List<String>> out = new TreeMap<>();
        List<String> lines = withoutSeq(events);
        for (int i = 0; i < events.size(); i++) {
            out.computeIfAbsent(events.get(i).nodeId(), k -> new ArrayList<>()).add(lines.get(i));
        }
        return out;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(TIMING);
            o.forEach(EventStreams::strip);
        } else if (node.isArray()) {
            node.forEach(EventStreams::strip);
        }
    }
}
