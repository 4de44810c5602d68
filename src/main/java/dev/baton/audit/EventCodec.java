package dev.baton.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.engine.RunEvent;
import dev.baton.secret.Redactor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an engine event into the text stored for it: the typed columns plus a JSON payload of every other field,
 * in the record's declaration order (stable, so the hash chain can be recomputed), with every string redacted.
 * With a {@link TextStore}, a string of {@value TextStore#INLINE_MAX} characters or more is written as its text hash
 * and the payload ends with {@value #TEXTS_FIELD}: an object from the JSON pointer of each such string to the text's
 * row id ({@link TextResolver} puts the texts back). Strings inside maps (tool arguments) always stay inline.
 */
final class EventCodec {

    /** The payload field naming the values that are text hashes; no record component can be named so. */
    static final String TEXTS_FIELD = "$texts";

    /** The columns every event has; the payload holds the rest. */
    private static final Set<String> COLUMNS = Set.of("runId", "seq", "time", "nodeId", "edgeId");
    private static final JsonFactory JSON = new JsonFactory();

    /** A record component: its accessor, name, JSON pointer at the payload's top level, and whether it is a column. */
    private record Component(Method accessor, String name, String pointer, boolean column) {
    }

    /** Components per class, looked up once: reflection on every event would cost more than the insert. */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> components = new ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                Method m = rc.getAccessor();
                m.setAccessible(true);
                components.add(new Component(m, rc.getName(), "/" + rc.getName(), COLUMNS.contains(rc.getName())));
            }
            return List.copyOf(components);
        }
    };

    /** One event as stored, before hashing. */
    record Row(String runId, long seq, Instant time, String kind, String nodeId, String edgeId, String payload) {
    }

    private EventCodec() {
    }

    /** The row with every text inline (schema version 1's form). */
    static Row encode(RunEvent e, Redactor redactor) {
        try {
            return encode(e, null, redactor);
        } catch (SQLException ex) {
            throw new IllegalStateException("no database is touched without a text store", ex);
        }
    }

    /** The row, long texts stored through {@code texts} (null: all inline). */
    static Row encode(RunEvent e, TextStore texts, Redactor redactor) throws SQLException {
        return new Row(e.runId(), e.seq(), e.time(), e.type(), redact(redactor, e.nodeId()),
                redact(redactor, e.edgeId()), payload(e, texts, redactor));
    }

    /** A null-safe redaction: every text that reaches the database goes through here or {@link TextStore}. */
    static String redact(Redactor redactor, String s) {
        return s == null ? "" : redactor.redact(s);
    }

    /** A text column's value: the redacted text when short (or without a store), else null: then store it. */
    static String inline(String s, TextStore texts, Redactor redactor) {
        if (s == null || texts != null && s.length() >= TextStore.INLINE_MAX) {
            return null;
        }
        return redact(redactor, s);
    }

    /** Writes one payload; {@code stored} collects the pointers of values written as text hashes. */
    private static final class Writer {
        final JsonGenerator g;
        final TextStore texts;
        final Redactor redactor;
        final Map<String, Long> stored = new LinkedHashMap<>(4);

        Writer(JsonGenerator g, TextStore texts, Redactor redactor) {
            this.g = g;
            this.texts = texts;
            this.redactor = redactor;
        }

        /** {@code pointer} is null inside maps: their keys are free text, so nothing there is stored by hash. */
        void value(Object v, String pointer) throws IOException, SQLException {
            if (v == null) {
                g.writeNull();
            } else if (v instanceof String s) {
                if (texts != null && pointer != null && s.length() >= TextStore.INLINE_MAX) {
                    TextStore.Ref ref = texts.store(s);
                    g.writeString(ref.hash());
                    stored.put(pointer, ref.id());
                } else {
                    g.writeString(redact(redactor, s));
                }
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
                int i = 0;
                for (Object o : c) {
                    value(o, pointer == null ? null : pointer + "/" + i);
                    i++;
                }
                g.writeEndArray();
            } else if (v instanceof Map<?, ?> map) {
                g.writeStartObject();
                for (Map.Entry<?, ?> en : map.entrySet()) {
                    g.writeFieldName(redact(redactor, String.valueOf(en.getKey())));
                    value(en.getValue(), null);
                }
                g.writeEndObject();
            } else if (v instanceof Record r) {
                g.writeStartObject();
                for (Component c : COMPONENTS.get(r.getClass())) {
                    g.writeFieldName(c.name());
                    value(invoke(c.accessor(), r), pointer == null ? null : pointer + c.pointer());
                }
                g.writeEndObject();
            } else {
                // Instants, enums and anything a later event adds: their text form, redacted like any text
                g.writeString(redact(redactor, v.toString()));
            }
        }
    }

    private static String payload(RunEvent e, TextStore texts, Redactor redactor) throws SQLException {
        TextBuffer out = BUFFER.get();
        out.reset();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            Writer w = new Writer(g, texts, redactor);
            g.writeStartObject();
            for (Component c : COMPONENTS.get(e.getClass())) {
                if (!c.column()) {
                    g.writeFieldName(c.name());
                    w.value(invoke(c.accessor(), e), c.pointer());
                }
            }
            if (!w.stored.isEmpty()) {
                g.writeObjectFieldStart(TEXTS_FIELD);
                for (Map.Entry<String, Long> ref : w.stored.entrySet()) {
                    g.writeNumberField(ref.getKey(), ref.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /**
     * One payload buffer per thread, reused event after event: a {@link java.io.StringWriter} is a synchronized
     * {@link StringBuffer} made anew for each event, which the writer thread paid for on every row.
     */
    private static final ThreadLocal<TextBuffer> BUFFER = ThreadLocal.withInitial(TextBuffer::new);

    /** An unsynchronized writer into a reusable builder; its text is read once, after the generator closed. */
    private static final class TextBuffer extends java.io.Writer {
        /** A builder that grew past this (one huge event) is dropped rather than kept for the thread's life. */
        private static final int KEEP_MAX = 64 * 1024;
        private StringBuilder sb = new StringBuilder(512);

        void reset() {
            if (sb.capacity() > KEEP_MAX) {
                sb = new StringBuilder(512);
            }
            sb.setLength(0);
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            sb.append(str, off, off + len);
        }

        @Override
        public void write(int c) {
            sb.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return sb.toString();
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
