package dev.baton.ui.panels;

import dev.baton.run.TemporalTarget;
import dev.baton.ui.settings.DesignerSettings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;

/**
 * What Run ▸ Temporal Target… edits: the frontend (HOST:PORT) and task queue as typed, whether they will do, and
 * the line that says where runs will go or why not; saved into the designer's settings.
 */
public final class TemporalTargetModel {

    private final DesignerSettings settings;
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty queue = new SimpleStringProperty(this, "queue", "");
    private final ReadOnlyStringWrapper where = new ReadOnlyStringWrapper(this, "where", "");
    private final ReadOnlyBooleanWrapper usable = new ReadOnlyBooleanWrapper(this, "usable", true);

    public TemporalTargetModel(DesignerSettings settings) {
        this.settings = settings;
        target.set(settings.temporalTarget().orElse(""));
        queue.set(settings.temporalTaskQueue().orElse(""));
        target.addListener((o, a, b) -> check());
        queue.addListener((o, a, b) -> check());
        check();
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty queueProperty() {
        return queue;
    }

    /** Where runs will go, "No target…", or "Not usable: why" (one line). */
    public ReadOnlyStringProperty whereProperty() {
        return where.getReadOnlyProperty();
    }

    /** True when the fields will do (an empty frontend forgets the target). */
    public ReadOnlyBooleanProperty usableProperty() {
        return usable.getReadOnlyProperty();
    }

    /** The settings file. */
    public java.nio.file.Path file() {
        return settings.file();
    }

    /** Null when the two texts will do (an empty frontend forgets the target), else why not, in one line. */
    static String problem(String hostPort, String taskQueue) {
        if (hostPort == null || hostPort.isBlank()) {
            return taskQueue == null || taskQueue.isBlank() ? null : "give the frontend as HOST:PORT too";
        }
        try {
            TemporalTarget.parse(hostPort, taskQueue);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void check() {
        String problem = problem(target.get(), queue.get());
        usable.set(problem == null);
        if (problem != null) {
            where.set("Not usable: " + problem);
        } else if (target.get() == null || target.get().isBlank()) {
            where.set("No target: Run on Temporal… will ask for one.");
        } else {
            where.set("Runs go to " + TemporalTarget.parse(target.get(), queue.get()).describe());
        }
    }

    /** Keeps the fields in the settings (refused when they will not do); other settings stay as they are. */
    public void save() throws IOException {
        if (!usable.get()) {
            throw new IllegalStateException(where.get());
        }
        settings.setTemporal(target.get(), queue.get());
    }
}
