package dev.baton.ui.panels;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last inputs a flow was run with, newest first, kept in {@code <baton home>/inputs.json} as a JSON object from
 * a flow key (its file, or its id while unsaved) to a list of inputs.
 */
public final class RunPanelInputs {

    /** Inputs remembered per flow. */
    static final int MAX_PER_FLOW = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path store;

    public RunPanelInputs(Path store) {
        this.store = store;
    }

    /** The inputs last used with the flow {@code key}, newest first. */
    public List<String> recent(String key) {
        return List.copyOf(readAll().getOrDefault(key, List.of()));
    }

    /** Puts {@code input} first for {@code key}. */
    public void remember(String key, String input) {
        if (input == null || input.isBlank()) {
            return;
        }
        Map<String, List<String>> all = readAll();
        List<String> inputs = new ArrayList<>(all.getOrDefault(key, List.of()));
        inputs.remove(input);
        inputs.add(0, input);
        while (inputs.size() > MAX_PER_FLOW) {
            inputs.remove(inputs.size() - 1);
        }
        all.put(key, inputs);
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
            Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // remembering inputs is a convenience: a run must not fail because the list could not be written
        }
    }

    private Map<String, List<String>> readAll() {
        if (!Files.isRegularFile(store)) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(JSON.readValue(store.toFile(),
                    new TypeReference<LinkedHashMap<String, List<String>>>() { }));
        } catch (IOException | RuntimeException e) {
            // a damaged list is not worth an error: start a new one
            return new LinkedHashMap<>();
        }
    }
}
