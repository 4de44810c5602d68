package dev.baton.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The designer's settings that outlive a session (where live traces go, where runs on Temporal go, the minimap, the
 * bottom panel's height), kept beside {@code recent.json} and {@code inputs.json} in
 * {@code <baton home>/settings.json} as one JSON object, so that later settings join it.
 */
public final class DesignerSettings {

    /** The OTLP/HTTP URL each designer run sends its spans to; absent when live tracing is off. */
    static final String OTLP_ENDPOINT = "otlpEndpoint";

    /** Run ▸ Run on Temporal…: the frontend (HOST:PORT) and the task queue of its Baton workers. */
    static final String TEMPORAL_TARGET = "temporalTarget";
    static final String TEMPORAL_TASK_QUEUE = "temporalTaskQueue";

    static final String MINIMAP = "minimap";
    static final String BOTTOM_PANEL_HEIGHT = "bottomPanelHeight";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path store;

    public DesignerSettings(Path store) {
        this.store = store;
    }

    /** The settings file of the Baton home ({@link BatonHome#dir()}). */
    public static DesignerSettings inHome() {
        return new DesignerSettings(BatonHome.dir().resolve("settings.json"));
    }

    /** The file the settings live in. */
    public Path file() {
        return store;
    }

    /** Where runs send their spans live, or empty when live tracing is off. */
    public Optional<String> otlpEndpoint() {
        JsonNode value = read().get(OTLP_ENDPOINT);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText().strip()) : Optional.empty();
    }

    /** Sets the trace URL; null or blank turns live tracing off. Other settings in the file are kept. */
    public void setOtlpEndpoint(String url) throws IOException {
        ObjectNode settings = read();
        if (url == null || url.isBlank()) {
            settings.remove(OTLP_ENDPOINT);
        } else {
            settings.put(OTLP_ENDPOINT, url.strip());
        }
        write(settings);
    }

    /** Whether the canvas shows its minimap (View ▸ Minimap); shown unless turned off. */
    public boolean minimapShown() {
        JsonNode value = read().get(MINIMAP);
        return value == null || !value.isBoolean() || value.asBoolean();
    }

    /** Shows or hides the minimap at the next launches. Other settings in the file are kept. */
    public void setMinimapShown(boolean shown) throws IOException {
        ObjectNode settings = read();
        settings.put(MINIMAP, shown);
        write(settings);
    }

    /** The height (pixels) the user gave the bottom panel (Problems, Run), if any. */
    public java.util.OptionalDouble bottomPanelHeight() {
        JsonNode value = read().get(BOTTOM_PANEL_HEIGHT);
        return value != null && value.isNumber() && value.asDouble() > 0
                ? java.util.OptionalDouble.of(value.asDouble()) : java.util.OptionalDouble.empty();
    }

    /** Remembers the bottom panel's height. Other settings in the file are kept. */
    public void setBottomPanelHeight(double height) throws IOException {
        ObjectNode settings = read();
        settings.put(BOTTOM_PANEL_HEIGHT, Math.round(height));
        write(settings);
    }

    /** The Temporal frontend's HOST:PORT as stored (checked when used: a hand-edited file may hold anything). */
    public Optional<String> temporalTarget() {
        return text(TEMPORAL_TARGET);
    }

    /** The task queue runs on Temporal go to, as stored; empty for the workers' default. */
    public Optional<String> temporalTaskQueue() {
        return text(TEMPORAL_TASK_QUEUE);
    }

    /**
     * Keeps where runs on Temporal go: {@code hostPort} (null or blank forgets the target) and {@code taskQueue}
     * (null or blank: the default). The caller checks them first; other settings in the file are kept.
     */
    public void setTemporal(String hostPort, String taskQueue) throws IOException {
        ObjectNode settings = read();
        if (hostPort == null || hostPort.isBlank()) {
            settings.remove(TEMPORAL_TARGET);
        } else {
            settings.put(TEMPORAL_TARGET, hostPort.strip());
        }
        if (taskQueue == null || taskQueue.isBlank()) {
            settings.remove(TEMPORAL_TASK_QUEUE);
        } else {
            settings.put(TEMPORAL_TASK_QUEUE, taskQueue.strip());
        }
        write(settings);
    }

    private Optional<String> text(String key) {
        JsonNode value = read().get(key);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText().strip()) : Optional.empty();
    }

    private ObjectNode read() {
        if (!Files.isRegularFile(store)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(store.toFile());
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException | RuntimeException e) {
            // a damaged settings file is read as no settings; it is set aside (not overwritten) at the next write
            return JSON.createObjectNode();
        }
    }

    private void write(ObjectNode settings) throws IOException {
        Files.createDirectories(store.toAbsolutePath().getParent());
        if (Files.isRegularFile(store) && !readable()) {
            Files.move(store, store.resolveSibling(store.getFileName() + ".damaged"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        // written beside and moved over, so that a crash mid-write leaves the old file, not half a new one
        Path temp = Files.createTempFile(store.toAbsolutePath().getParent(), "settings", ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), settings);
            try {
                Files.move(temp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, store, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private boolean readable() {
        try {
            return JSON.readTree(store.toFile()) instanceof ObjectNode;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
