package dev.baton.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One plain event of every type the sealed {@link RunEvent} permits, built by reflection so a new type is included. */
public final class RunEventSamples {

    private RunEventSamples() {
    }

    /** Every permitted event type, in declaration order. */
    public static List<Class<? extends RunEvent>> types() {
        List<Class<? extends RunEvent>> types = new ArrayList<>();
        for (Class<?> c : RunEvent.class.getPermittedSubclasses()) {
            types.add(c.asSubclass(RunEvent.class));
        }
        return types;
    }

    /** One event of each permitted type: strings "", numbers 0, lists empty, enums their first constant. */
    public static List<RunEvent> all() {
        return types().stream().map(RunEventSamples::sample).toList();
    }

    /** One event of {@code type}, run "run-1", sequence 1, at the epoch. */
    public static RunEvent sample(Class<? extends RunEvent> type) {
        RecordComponent[] parts = type.getRecordComponents();
        Class<?>[] types = new Class<?>[parts.length];
        Object[] args = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            types[i] = parts[i].getType();
            args[i] = parts[i].getName().equals("runId") ? "run-1"
                    : parts[i].getName().equals("seq") ? 1L : plain(types[i]);
        }
        try {
            Constructor<? extends RunEvent> c = type.getDeclaredConstructor(types);
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + type.getSimpleName(), e);
        }
    }

    private static Object plain(Class<?> t) {
        if (t == String.class) {
            return "";
        } else if (t == long.class) {
            return 0L;
        } else if (t == int.class) {
            return 0;
        } else if (t == boolean.class) {
            return false;
        } else if (t == double.class) {
            return 0.0;
        } else if (t == Instant.class) {
            return Instant.EPOCH;
        } else if (t == List.class) {
            return List.of();
        } else if (t == Map.class) {
            return Map.of();
        } else if (t == RunTotals.class) {
            return new RunTotals(0, 0, 0, 0);
        } else if (t.isEnum()) {
            return t.getEnumConstants()[0];
        }
        return null; // Double costUsd: unknown price
    }
}
