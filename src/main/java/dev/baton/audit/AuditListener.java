package dev.baton.audit;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import dev.baton.secret.Redactor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Records one run into an audit database. {@link #onEvent} only appends to the writer's lock-free queue (waking the
 * writer only when it sleeps idle or the run ends), so it is an inline listener: the engine thread that publishes an
 * event hands it straight to the writer, with no listener thread in between; {@link #awaitCommitted} tells when the
 * run's last event is on disk. Usage: {@code try (AuditListener a = AuditListener.open(db, flow)) {
 * handle = runner.start(flow, request, a, ...); handle.result().get(); a.awaitCommitted(timeout); }}
 */
public final class AuditListener implements RunListener.Inline, AutoCloseable {

    private final AuditWriter writer;
    private final String flowJson;
    private final boolean ownsWriter;
    private final CompletableFuture<Void> committed = new CompletableFuture<>();
    private volatile String runId;
    /** Events of a run that several processes record piecewise ({@link SharedRunProgress}); null otherwise. */
    private final SharedRunProgress shared;

    AuditListener(AuditWriter writer, String flowJson, boolean ownsWriter) {
        this(writer, flowJson, ownsWriter, false);
    }

    AuditListener(AuditWriter writer, String flowJson, boolean ownsWriter, boolean shared) {
        this.writer = writer;
        this.flowJson = flowJson;
        this.ownsWriter = ownsWriter;
        this.shared = shared ? new SharedRunProgress() : null;
    }

    /**
     * Opens the database at {@code database} (H2 path, {@code .mv.db} added) for one run of {@code flow};
     * {@link #close} closes it again. The entry point for {@code baton run --audit PATH}.
     */
    public static AuditListener open(Path database, Flow flow) throws AuditException {
        return open(database, flow, notice -> { });
    }

    /** As {@link #open(Path, Flow)}; {@code notices} hears that an older database is being upgraded. */
    public static AuditListener open(Path database, Flow flow, Consumer<String> notices)
            throws AuditException {
        return open(database, flow, notices, Redactor.shapesOnly());
    }

    /** As {@link #open(Path, Flow, Consumer)}, redacting every stored text with the program's {@code redactor}. */
    public static AuditListener open(Path database, Flow flow, Consumer<String> notices, Redactor redactor)
            throws AuditException {
        AuditWriter w = AuditWriter.open(database, notices, redactor);
        return new AuditListener(w, FlowJson.write(flow), true);
    }

    @Override
    public void onEvent(RunEvent event) {
        if (shared != null) {
            runId = event.runId(); // a piece of a run may start anywhere in it
            writer.enqueue(event, event instanceof RunEvent.RunStarted ? flowJson : null, this);
            return;
        }
        if (event instanceof RunEvent.RunStarted) {
            runId = event.runId();
            writer.enqueue(event, flowJson, this);
        } else {
            writer.enqueue(event, null, this);
        }
    }

    /** The run id once the run started, else null. */
    public String runId() {
        return runId;
    }

    /** Completes when this run's terminal event is committed. */
    public CompletableFuture<Void> committed() {
        return committed;
    }

    /**
     * Waits until the run's terminal event is committed; false on timeout. Call it after the run's result: a run is
     * reported finished only after all its events are committed.
     */
    public boolean awaitCommitted(Duration timeout) throws AuditException, InterruptedException {
        try {
            committed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            Throwable failure = writer.failure();
            if (failure != null) {
                throw new AuditException("the audit writer failed: " + AuditErrors.oneLine(failure.getMessage()),
                        failure);
            }
            return false;
        } catch (ExecutionException e) {
            throw new AuditException("the audit writer failed: "
                    + AuditErrors.oneLine(String.valueOf(e.getCause().getMessage())), e.getCause());
        }
    }

    /** The progress of a run recorded piecewise, or null for a run this listener records whole. */
    SharedRunProgress shared() {
        return shared;
    }

    /**
     * For a listener of {@link AuditWriter#listenerForSharedRun}: the last sequence number this database holds for
     * the run, as far as this listener's events have been committed or found stored; -1 while none is settled.
     */
    public long storedThrough() {
        return shared == null ? -1 : shared.head();
    }

    /**
     * For a listener of {@link AuditWriter#listenerForSharedRun}: true once the writer found that the database lacks
     * the events before this listener's (none of them is then written; {@link #storedThrough} says how far it holds).
     */
    public boolean foundGap() {
        return shared != null && shared.gapFound();
    }

    /**
     * For a listener of {@link AuditWriter#listenerForSharedRun}: waits until every event handed to it is settled
     * (committed, or found already stored) and returns the last sequence number the database then holds for the run.
     * A result below the first event's sequence number means the database lacks the events before them: they were
     * not written (no gap is ever written); send the run's events again from the result + 1.
     *
     * @return the database's last sequence number of the run, or -1 on timeout
     */
    public long awaitStored(long lastSeq, Duration timeout) throws AuditException, InterruptedException {
        if (shared == null) {
            throw new IllegalStateException("not a listener of a shared run");
        }
        long head = shared.await(lastSeq, timeout, committed);
        if (head == SharedRunProgress.FAILED) {
            Throwable failure = writer.failure();
            throw new AuditException("the audit writer failed: " + AuditErrors.oneLine(
                    String.valueOf(failure == null ? "stopped" : failure.getMessage())), failure);
        }
        return head;
    }

    void markCommitted() {
        committed.complete(null);
    }

    void markFailed(Throwable t) {
        committed.completeExceptionally(t);
        if (shared != null) {
            shared.wake();
        }
    }

    /** Closes the database when this listener opened it; otherwise nothing (the writer is shared). */
    @Override
    public void close() throws AuditException {
        if (ownsWriter) {
            writer.close();
        }
    }
}
