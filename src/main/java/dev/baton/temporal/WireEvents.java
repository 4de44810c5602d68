package dev.baton.temporal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.RunEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Run events as JSON text, both ways, for what crosses Temporal (the recording activity's input, the live query's
 * answer): {@code {"type": "AgentStarted", "event": {the record's components}}}. Decoding gives an equal record.
 */
final class WireEvents {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule().addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider p) throws IOException {
                    gen.writeString(value.toString());
                }
            }).addDeserializer(Instant.class, new JsonDeserializer<>() {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                    return Instant.parse(p.getValueAsString());
                }
            }))
            .build();
    private static final Map<String, Class<?>> TYPES = new HashMap<>();

    static {
        for (Class<?> c : RunEvent.class.getPermittedSubclasses()) {
            TYPES.put(c.getSimpleName(), c);
        }
    }

    private WireEvents() {
    }

    static String encode(RunEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", event.getClass().getSimpleName());
        node.set("event", JSON.valueToTree(event));
        return node.toString();
    }

    static RunEvent decode(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Class<?> type = TYPES.get(node.path("type").asText());
            if (type == null) {
                throw new IllegalArgumentException("not a run event: " + node.path("type").asText());
            }
            return (RunEvent) JSON.treeToValue(node.get("event"), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
