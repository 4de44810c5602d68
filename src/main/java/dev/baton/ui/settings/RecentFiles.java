package dev.baton.ui.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The recently opened flows, newest first, kept in {@code <baton home>/recent.json} as a JSON list of paths. */
public final class RecentFiles {

    private static final int MAX = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    public List<Path> list() {
        if (!Files.isRegularFile(store)) {
            return List.of();
        }
        try {
            List<String> names = JSON.readValue(store.toFile(), new TypeReference<List<String>>() { });
            return names.stream().map(Path::of).toList();
        } catch (IOException | RuntimeException e) {
            // a damaged recent list is not worth an error dialog: start a new one
            return List.of();
        }
    }

    /** The newest entry that still exists. */
    public java.util.Optional<Path> last() {
        return list().stream().filter(Files::isRegularFile).findFirst();
    }

    /** Puts a file first in the list. */
    public void add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(list());
        paths.remove(abs);
        paths.add(0, abs);
        while (paths.size() > MAX) {
            paths.remove(paths.size() - 1);
        }
        write(paths);
    }

    /** Takes a file off the list (it is gone). */
    public void remove(Path file) {
        List<Path> paths = new ArrayList<>(list());
        if (paths.remove(file.toAbsolutePath().normalize()) || paths.remove(file)) {
            write(paths);
        }
    }

    private void write(List<Path> paths) {
        try {
            Files.createDirectories(store.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(store.toFile(),
                    paths.stream().map(Path::toString).toList());
        } catch (IOException e) {
            // the recent list is a convenience; failing to write it must not stop the user's work
        }
    }
}
