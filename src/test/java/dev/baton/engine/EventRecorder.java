package dev.baton.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener for tests that keeps every event it is handed, in order. */
public final class EventRecorder implements RunListener {

    /** The events seen so far. */
    public final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(RunEvent event) {
        events.add(event);
    }

    /** The events of one type, in order. */
    public <T extends RunEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** How many events of one type were seen. */
    public long count(Class<? extends RunEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }
}
