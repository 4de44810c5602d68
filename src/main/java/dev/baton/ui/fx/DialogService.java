package dev.baton.ui.fx;

import java.nio.file.Path;
import java.util.Optional;

/** Every question the designer asks the user, behind an interface so that tests can answer them. */
public interface DialogService {

    /** The answer to "save changes?". */
    enum UnsavedChoice { SAVE, DISCARD, CANCEL }

    Optional<Path> chooseFileToOpen();

    /** @param extension "json" or "png" */
    /** A source to import: a CrewAI agents.yaml/tasks.yaml, or an AutoGen or Flowise JSON file. */
    default Optional<Path> chooseImportSource() {
        return chooseFileToOpen();
    }

    Optional<Path> chooseFileToSave(String title, String suggestedName, String extension);

    /** Where file choosers start: the folder of the flow {@code currentFile} gives (null while it has none). */
    default void startIn(java.util.function.Supplier<Path> currentFile) {
    }

    void showError(String title, String message);

    void showInfo(String title, String message);

    UnsavedChoice askUnsaved(String flowName);

    boolean confirm(String title, String message);

    Optional<String> askText(String title, String prompt, String initial);

    /**
     * Whether to start the programs a flow names (its stdio MCP servers): {@code programs} lists each server's
     * exact command line and folder, one per line. True for Run, false for Cancel.
     */
    default boolean approvePrograms(String flowName, String programs) {
        return confirm("Start the programs of '" + flowName + "'?", programs);
    }

    /** One of {@code options} (the first offered first), or empty when the user cancels. */
    default Optional<String> chooseOne(String title, String prompt, java.util.List<String> options) {
        return options.isEmpty() ? Optional.empty() : Optional.of(options.get(0));
    }
}
