package dev.baton.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.engine.RunEvent;
import dev.baton.engine.model.provider.SecretRedactor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an engine event into the text stored for it: the typed columns plus a JSON payload of every other field,
 * in the record's declaration order (stable, so the hash chain can be recomputed), with every string redacted.
 */
final class EventCodec {

    /** The columns every event has; the payload holds the rest. */
    private static final Set<String> COLUMNS = Set.of("runId", "seq", "time", "nodeId", "edgeId");
    private static final JsonFactory JSON = new JsonFactory();

    /** Record accessors per class, looked up once: reflection on every event would cost more than the insert. */
    private static final ClassValue<List<Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            List<Method> methods = new ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                Method m = rc.getAccessor();
                m.setAccessible(true);
                methods.add(m);
            }
            return List.copyOf(methods);
        }
    };

    /** One event as stored, before hashing. */
    record Row(String runId, long seq, Instant time, String kind, String nodeId, String edgeId, String payload) {
    }

    private EventCodec() {
    }

    static Row encode(RunEvent e) {
        return new Row(e.runId(), e.seq(), e.time(), e.type(), redact(e.nodeId()), redact(e.edgeId()), payload(e));
    }

    /** A null-safe redaction: every text that reaches the database goes through here. */
    static String redact(String s) {
        return s == null ? "" : SecretRedactor.redact(s);
    }

    private static String payload(RunEvent e) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Method m : ACCESSORS.get(e.getClass())) {
                if (!COLUMNS.contains(m.getName())) {
                    g.writeFieldName(m.getName());
                    writeValue(g, invoke(m, e));
                }
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(redact(s));
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> en : map.entrySet()) {
                g.writeFieldName(redact(String.valueOf(en.getKey())));
                writeValue(g, en.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Record r) {
            g.writeStartObject();
            for (Method m : ACCESSORS.get(r.getClass())) {
                g.writeFieldName(m.getName());
                writeValue(g, invoke(m, r));
            }
            g.writeEndObject();
        } else {
            // Instants, enums and anything a later event adds: their text form, redacted like any text
            g.writeString(redact(v.toString()));
        }
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("cannot read " + m, ex);
        }
    }
}
