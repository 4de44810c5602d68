package dev.baton.temporal;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditListener;
import dev.baton.audit.AuditWriter;
import io.temporal.failure.ApplicationFailure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A worker's side of recording runs as they go: pieces of runs into its audit database (each piece is a shared-run
 * listener of the worker's writer, which skips what the database holds and refuses a gap), and what it knows the
 * database holds of each run it recorded lately, to tell the workflow which events need not be sent again.
 */
final class WorkerRecorder {

    /** How long a recording waits for the writer's commit before the activity fails (Temporal then retries it). */
    static final Duration COMMIT_WAIT = Duration.ofSeconds(90);
    private static final int RUNS_KEPT = 1024;
    private static final int PIECES_KEPT = 8;

    private final AuditWriter audit;
    /** The latest pieces of the runs recorded lately, least recently used first. */
    private final Map<String, Deque<AuditListener>> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<AuditListener>> eldest) {
            return size() > RUNS_KEPT;
        }
    };

    /** @param audit the worker's audit database writer, or null to record nothing */
    WorkerRecorder(AuditWriter audit) {
        this.audit = audit;
    }

    /**
     * Hands a piece carried by a model call to the database without waiting for it; returns the last sequence
     * number of the run this worker knows its database to hold, from earlier pieces (-1: unknown).
     */
    long carry(Wire.Recording piece) {
        if (piece == null || piece.events().isEmpty()) {
            return -1;
        }
        if (audit == null) {
            return lastSeq(piece); // nothing is recorded here: nothing to send again
        }
        long known = known(piece.runId());
        remember(piece.runId(), enqueue(piece));
        return known;
    }

    /** Records a piece and waits until it is stored; the last sequence number the database then holds for the run. */
    long store(Wire.Recording piece) {
        if (audit == null || piece.events().isEmpty()) {
            return lastSeq(piece);
        }
        AuditListener listener = enqueue(piece);
        long head;
        try {
            head = listener.awaitStored(lastSeq(piece), COMMIT_WAIT);
        } catch (AuditException e) {
            throw ApplicationFailure.newFailure("the audit database failed: " + e.getMessage(), "baton.audit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted while recording run " + piece.runId(), "baton.audit");
        }
        if (head < 0) {
            throw ApplicationFailure.newFailure("the audit database did not store run " + piece.runId()
                    + " in time", "baton.audit");
        }
        remember(piece.runId(), listener);
        return head;
    }

    private AuditListener enqueue(Wire.Recording piece) {
        AuditListener listener = audit.listenerForSharedRun(piece.flowJson());
        for (String json : piece.events()) {
            listener.onEvent(WireEvents.decode(json));
        }
        return listener;
    }

    private long known(String runId) {
        synchronized (recent) {
            Deque<AuditListener> pieces = recent.get(runId);
            long head = -1;
            if (pieces != null) {
                for (AuditListener l : pieces) {
                    head = Math.max(head, l.storedThrough()); // one database: the furthest settled piece says most
                }
            }
            return head;
        }
    }

    private void remember(String runId, AuditListener listener) {
        synchronized (recent) {
            Deque<AuditListener> pieces = recent.computeIfAbsent(runId, id -> new ArrayDeque<>());
            pieces.addLast(listener);
            if (pieces.size() > PIECES_KEPT) {
                pieces.removeFirst();
            }
        }
    }

    private static long lastSeq(Wire.Recording piece) {
        if (piece.events().isEmpty()) {
            return -1;
        }
        return WireEvents.decode(piece.events().get(piece.events().size() - 1)).seq();
    }
}
