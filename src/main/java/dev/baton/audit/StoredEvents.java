package dev.baton.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.RunEvent;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns audit rows back into {@link RunEvent}s: the typed columns (run, seq, time, node, edge) plus the JSON payload
 * of every other record component, by name, as the audit writer stored them (texts redacted, as everywhere in the
 * database). An event kind this build does not know is skipped, so an older build can still replay a newer run; so
 * is an event whose fixed value (a node kind, run status, retry reason, context or router mode: stored by its enum
 * constant's name) this build does not know, or lacks.
 * Shared by the replay on the canvas and the trace export.
 */
public final class StoredEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> KINDS = new HashMap<>();

    static {
        for (Class<?> c : RunEvent.class.getPermittedSubclasses()) {
            KINDS.put(c.getSimpleName(), c);
        }
    }

    private StoredEvents() {
    }

    /** The run's events in sequence order; unknown kinds left out. */
    public static List<RunEvent> decode(List<AuditStore.StoredEvent> rows) {
        List<RunEvent> events = new ArrayList<>(rows.size());
        for (AuditStore.StoredEvent row : rows) {
            RunEvent e = decode(row);
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    /** One event, or null when its kind, or one of its fixed values, is unknown here. */
    public static RunEvent decode(AuditStore.StoredEvent row) {
        Class<?> type = KINDS.get(row.kind());
        if (type == null) {
            return null;
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(row.payload() == null || row.payload().isBlank() ? "{}" : row.payload());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("event " + row.seq() + " of run " + row.runId()
                    + " has an unreadable payload: " + e.getMessage(), e);
        }
        Map<String, Object> columns = Map.of("runId", row.runId(), "seq", row.seq(), "time", row.time(),
                "nodeId", row.nodeId() == null ? "" : row.nodeId(), "edgeId", row.edgeId() == null ? ""
                        : row.edgeId());
        return (RunEvent) build(type, name -> columns.containsKey(name) ? columns.get(name) : null, payload);
    }

    private interface Columns {
        Object get(String name);
    }

    private static Object build(Class<?> type, Columns columns, JsonNode node) {
        RecordComponent[] parts = type.getRecordComponents();
        Object[] args = new Object[parts.length];
        Class<?>[] types = new Class<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            RecordComponent rc = parts[i];
            types[i] = rc.getType();
            Object column = columns.get(rc.getName());
            args[i] = column != null ? column : value(rc.getGenericType(), rc.getType(), node.get(rc.getName()));
            if (args[i] == null && rc.getType().isEnum()) {
                return null;
            }
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            return c.newInstance(args);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("cannot rebuild " + type.getSimpleName() + ": " + e, e);
        }
    }

    private static Object value(Type generic, Class<?> raw, JsonNode v) {
        boolean missing = v == null || v.isNull();
        if (raw == String.class) {
            return missing ? "" : v.asText();
        }
        if (raw == int.class) {
            return missing ? 0 : v.asInt();
        }
        if (raw == long.class) {
            return missing ? 0L : v.asLong();
        }
        if (raw == boolean.class) {
            return !missing && v.asBoolean();
        }
        if (raw == double.class) {
            return missing ? 0.0 : v.asDouble();
        }
        if (raw == Double.class) {
            return missing ? null : v.asDouble();
        }
        if (raw.isEnum()) {
            return missing ? null : constant(raw, v.asText());
        }
        if (raw == Instant.class) {
            return missing ? Instant.EPOCH : Instant.parse(v.asText());
        }
        if (raw == List.class) {
            Type item = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
            List<Object> list = new ArrayList<>();
            if (!missing) {
                if (item instanceof Class<?> c && c.isRecord()) {
                    v.forEach(element -> list.add(build(c, name -> null, element)));
                } else {
                    v.forEach(element -> list.add(element.asText()));
                }
            }
            return List.copyOf(list);
        }
        if (raw == Map.class) {
            Map<String, String> map = new LinkedHashMap<>();
            if (!missing) {
                v.properties().forEach(f -> map.put(f.getKey(), f.getValue().asText()));
            }
            return map;
        }
        if (raw.isRecord()) {
            return build(raw, name -> null, missing ? JSON.createObjectNode() : v);
        }
        throw new IllegalStateException("no decoding for " + (generic instanceof ParameterizedType p ? p : raw));
    }

    /** The enum constant of that name, or null when this build has none so named. */
    private static Object constant(Class<?> type, String name) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
