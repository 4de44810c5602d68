package dev.baton.flow.io;

import dev.baton.flow.Flow;

import java.io.IOException;
import java.nio.file.Path;

/** Loads flow files with one-line reasons for unreadable input, and saves them atomically. */
public final class FlowFiles {

    private FlowFiles() {
    }

    /** Reads a flow file; a missing, unreadable, non-UTF-8, empty or oversized file is a {@link FlowLoadException}. */
    public static LoadedFlow load(Path file) throws FlowLoadException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Writes the flow's canonical JSON through a temporary file and an atomic rename: the old file survives a crash. */
    public static void save(Path file, Flow flow) throws IOException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
