package dev.baton.run;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditListener;
import dev.baton.engine.RunHandle;
import dev.baton.trace.LiveTrace;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A started run with what it writes to: the engine's {@link RunHandle}, and the audit writer, events file and live
 * trace the service opened for it. A run is reported finished only once {@link #awaitCommitted} says its events are
 * on disk; {@link #close} then closes every sink once (the front end shows what it reports).
 */
public final class AuditedRun {

    private final RunHandle handle;
    private final AuditListener audit;
    private final Path auditDatabase;
    private final EventsFile events;
    private final Path eventsPath;
    private final LiveTrace trace;
    private Closed closed;

    AuditedRun(RunHandle handle, AuditListener audit, Path auditDatabase, EventsFile events, Path eventsPath,
               LiveTrace trace) {
        this.handle = handle;
        this.audit = audit;
        this.auditDatabase = audit == null ? null : auditDatabase;
        this.events = events;
        this.eventsPath = eventsPath;
        this.trace = trace;
    }

    /** The engine's handle: cancel, answer, the result, listener delivery. */
    public RunHandle handle() {
        return handle;
    }

    public String runId() {
        return handle.runId();
    }

    /** The audit database the run is recorded in, or null when it is not audited. */
    public Path auditDatabase() {
        return auditDatabase;
    }

    /**
     * Waits until the run's terminal event is committed to the audit database; true at once when the run is not
     * audited, false on timeout. Call it after the run's result and {@link RunHandle#awaitEventsDelivered}.
     *
     * @throws AuditException when the audit writer failed (the record of this run is incomplete)
     */
    public boolean awaitCommitted(Duration timeout) throws AuditException, InterruptedException {
        return audit == null || audit.awaitCommitted(timeout);
    }

    /**
     * Closes the events file, the audit database and the live trace (waiting at most {@code traceWait} for its last
     * spans to reach the collector), once; a second call returns the first one's report.
     */
    public synchronized Closed close(Duration traceWait) {
        if (closed != null) {
            return closed;
        }
        String eventsFailure = null;
        if (events != null) {
            events.close();
            if (events.failure() != null) {
                eventsFailure = "the events file " + eventsPath + " is incomplete: " + events.failure();
            }
        }
        String auditFailure = null;
        if (audit != null) {
            try {
                audit.close();
            } catch (AuditException e) {
                auditFailure = "closing the audit database: " + e.getMessage();
            }
        }
        LiveTrace.Report report = trace == null ? null : trace.close(traceWait);
        closed = new Closed(eventsFailure, auditFailure, report);
        return closed;
    }

    /**
     * What closing found.
     *
     * @param eventsFailure one line when the events file lost an event or could not be finished, else null
     * @param auditFailure  one line when the audit database did not close cleanly, else null
     * @param trace         how many spans reached the collector, or null when the run was not traced
     */
    public record Closed(String eventsFailure, String auditFailure, LiveTrace.Report trace) {
    }
}
