package dev.baton.importer;

import java.nio.file.Path;

/** Reads one foreign format into a Baton flow. Never executes anything from the source. */
public interface Importer {

    /** The format's name on the command line: "crewai", "autogen", "flowise". */
    String format();

    /** Null when the source looks like this format, else a one-line reason why not. */
    String whyNot(Path source);

    /**
     * True when the source is this tool's file even if not of a kind imported (a Flowise chatflow): detection then
     * gives this importer's reason alone rather than every format's.
     */
    default boolean recognises(Path source) {
        return false;
    }

    /** The flow the source describes, with notes on what did not carry over. */
    ImportResult read(Path source) throws ImportException;
}
