package dev.baton.ui.shell;

import dev.baton.ui.document.FlowDocument;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;
import dev.baton.flow.io.FlowLoadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Crash recovery: every 30 s (driven by the window's timeline) an unsaved flow is written atomically to
 * {@code <baton home>/recovery/flow.json}, with the path of the file it belongs to beside it. A clean exit or a save
 * removes it; finding one at start means the last session ended without either, so the user is offered to restore.
 */
public final class Autosave {

    private final Path dir;

    /** What was recovered: the flow and the file it was being edited as (null for an untitled flow). */
    public record Recovered(Flow flow, Path originalFile) {
    }

    public Autosave(Path dir) {
        this.dir = dir;
    }

    private Path flowFile() {
        return dir.resolve("flow.json");
    }

    private Path originFile() {
        return dir.resolve("origin.txt");
    }

    /** Writes the recovery copy when the document has unsaved changes, removes it otherwise. */
    public void tick(FlowDocument document) {
        try {
            if (!document.dirty().get()) {
                clear();
                return;
            }
            Files.createDirectories(dir);
            FlowFiles.save(flowFile(), document.flow());
            Path file = document.fileProperty().get();
            Files.writeString(originFile(), file == null ? "" : file.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // recovery is best effort; the user's own saves are unaffected
        }
    }

    /** The recovery copy left by a session that did not end cleanly, if any and readable. */
    public Optional<Recovered> pending() {
        if (!Files.isRegularFile(flowFile())) {
            return Optional.empty();
        }
        try {
            Flow flow = FlowFiles.load(flowFile()).flow();
            String origin = Files.isRegularFile(originFile())
                    ? Files.readString(originFile(), StandardCharsets.UTF_8).strip() : "";
            return Optional.of(new Recovered(flow, origin.isEmpty() ? null : Path.of(origin)));
        } catch (FlowLoadException | IOException e) {
            return Optional.empty();
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(flowFile());
            Files.deleteIfExists(originFile());
        } catch (IOException e) {
            // a stale recovery file only means one extra question next time
        }
    }
}
