package dev.baton.engine;

import dev.baton.secret.Redactor;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies of run events with every text redacted, for sinks that show or keep them outside the audit writer (the
 * designer's console, timeline and panes). Works on any record, so that an event added later is covered too; the run
 * id stays as it is (a UUID, which listeners match on).
 */
public final class RedactedEvents {

    private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

    private RedactedEvents() {
    }

    /** {@code event} with its texts redacted; the same object when nothing changed. */
    public static RunEvent of(RunEvent event, Redactor redactor) {
        // every RunEvent is a record (the sealed interface permits records only)
        return event instanceof Record r ? (RunEvent) record(r, redactor, true) : event;
    }

    /** {@code listener} receiving redacted copies; an {@link RunListener.Inline} one stays inline. */
    public static RunListener redacting(RunListener listener, Redactor redactor) {
        if (listener instanceof RunListener.Inline) {
            return (RunListener.Inline) event -> listener.onEvent(of(event, redactor));
        }
        return event -> listener.onEvent(of(event, redactor));
    }

    private static Object value(Object v, Redactor redactor) {
        if (v instanceof String s) {
            return redactor.redact(s);
        }
        if (v instanceof Record r) {
            return record(r, redactor, false);
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object o : list) {
                Object c = value(o, redactor);
                changed |= c != o;
                copy.add(c);
            }
            return changed ? List.copyOf(copy) : list;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object k = value(e.getKey(), redactor);
                Object c = value(e.getValue(), redactor);
                changed |= k != e.getKey() || c != e.getValue();
                copy.put(k, c);
            }
            return changed ? java.util.Collections.unmodifiableMap(copy) : map;
        }
        return v;
    }

    private static Object record(Record r, Redactor redactor, boolean keepRunId) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        boolean changed = false;
        try {
            for (int i = 0; i < components.length; i++) {
                Object v = components[i].getAccessor().invoke(r);
                Object c = keepRunId && components[i].getName().equals("runId") ? v : value(v, redactor);
                changed |= c != v && !(c instanceof String cs && cs.equals(v));
                args[i] = c;
            }
            if (!changed) {
                return r;
            }
            return constructor(r.getClass(), components).newInstance(args);
        } catch (IllegalAccessException | InvocationTargetException | InstantiationException e) {
            throw new IllegalStateException("cannot copy " + r.getClass().getSimpleName() + " redacted", e);
        }
    }

    private static Constructor<?> constructor(Class<?> type, RecordComponent[] components) {
        return CONSTRUCTORS.computeIfAbsent(type, t -> {
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> c = t.getDeclaredConstructor(types);
                c.setAccessible(true);
                return c;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record always has its canonical constructor", e);
            }
        });
    }
}
