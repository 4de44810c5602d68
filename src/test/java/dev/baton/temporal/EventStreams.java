package dev.baton.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.RunEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(TIMING);
            o.forEach(EventStreams::strip);
        } else if (node.isArray()) {
            node.forEach(EventStreams::strip);
        }
    }
}
