package dev.baton.importer;

/**
 * One element of the source that did not map one to one.
 *
 * @param file   the source file, as given or relative to the folder imported
 * @param path   where in the file: a YAML/JSON path such as {@code research_task.tools[0]} or {@code /nodes/3}
 * @param what   what the element is or says
 * @param action what the importer did instead
 */
public record ImportNote(String file, String path, String what, String action) {

    /** "tasks.yaml research_task.tools: the tool 'SerperDevTool' - left out ...". */
    public String line() {
        return file + (path.isEmpty() ? "" : " " + path) + ": " + what + " - " + action;
    }
}
