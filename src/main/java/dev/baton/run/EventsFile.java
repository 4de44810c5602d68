package dev.baton.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.secret.PrivateFiles;
import dev.baton.secret.Redactor;
import dev.baton.secret.SafeText;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code run --events FILE}: every event as one redacted JSON line, flushed as it is written, so a run killed with
 * {@code kill -9} leaves every line it emitted, each whole. The file is owner-only (600). A write that fails is
 * remembered (the command then fails, never exit 0) and later events are not written after a torn line.
 */
final class EventsFile implements RunListener {

    private final BufferedWriter writer;
    private final Redactor redactor;
    private volatile String failure;

    private EventsFile(BufferedWriter writer, Redactor redactor) {
        this.writer = writer;
        this.redactor = redactor;
    }

    /** Creates or empties {@code file} (owner-only) for the events of the run about to start. */
    static EventsFile open(Path file, Redactor redactor) throws IOException {
        return new EventsFile(PrivateFiles.newWriter(file), redactor);
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        if (failure != null) {
            return;
        }
        try {
            // the whole line in one write, then flushed: a reader never sees half of it sitting in a buffer
            writer.write(RunEventJson.line(event, redactor) + "\n");
            writer.flush();
        } catch (IOException | RuntimeException e) {
            failure = "event " + event.seq() + " (" + event.type() + ") could not be written: " + SafeText.reason(e);
        }
    }

    /** Why the file is incomplete, or null when every event was written and the file closed cleanly. */
    String failure() {
        return failure;
    }

    synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = "closing it failed: " + SafeText.reason(e);
            }
        }
    }
}
