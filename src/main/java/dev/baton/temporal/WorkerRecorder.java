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
    /** One piece handed to the writer: its listener and its last sequence number. */
    private record Piece(AuditListener listener, long lastSeq) {
    }

    /** The latest pieces of the runs recorded lately, least recently used first. */
    private final Map<String, Deque<Piece>> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Piece>> eldest) {
            return size() > RUNS_KEPT;
        }
    };

    /** @param audit the worker's audit database writer, or null to record nothing */
    WorkerRecorder(AuditWriter audit) {
        this.audit = audit;
    }

    /**
     * Hands a piece carried by a model call to the database without waiting for it (it is stored while the model
     * answers); returns how far the workflow may take the run to be stored here: the last sequence number handed to
     * the writer, unless the writer found that the database lacks events (then how far it holds the run). Handed is
     * not stored: a worker killed before its commit loses them, and the next piece (refused after the gap, so the
     * answer to the one after it says where to send from) or the run's end (which waits for the commit) sends them
     * again.
     */
    long carry(Wire.Recording piece) {
        if (piece == null || piece.events().isEmpty()) {
            return -1;
        }
        if (audit == null) {
            return lastSeq(piece); // nothing is recorded here: nothing to send again
        }
        Piece handed = new Piece(enqueue(piece), lastSeq(piece));
        synchronized (recent) {
            Deque<Piece> pieces = recent.computeIfAbsent(piece.runId(), id -> new ArrayDeque<>());
            pieces.addLast(handed);
            if (pieces.size() > PIECES_KEPT) {
                pieces.removeFirst();
            }
            long handedThrough = -1;
            for (Piece p : pieces) {
                handedThrough = Math.max(handedThrough, p.lastSeq());
            }
            for (var it = pieces.descendingIterator(); it.hasNext(); ) {
                AuditListener l = it.next().listener();
                if (l.foundGap()) {
                    return l.storedThrough(); // the newest settled piece found a gap: send from there
                }
                if (l.storedThrough() >= 0) {
                    break; // the newest settled piece was stored
                }
            }
            return handedThrough;
        }
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
        synchronized (recent) {
            recent.remove(piece.runId()); // what the database holds is known now; the next piece starts afresh
        }
        return head;
    }

    private AuditListener enqueue(Wire.Recording piece) {
        AuditListener listener = audit.listenerForSharedRun(piece.flowJson());
        for (String json : piece.events()) {
            listener.onEvent(WireEvents.decode(json));
        }
        return listener;
    }

    private static long lastSeq(Wire.Recording piece) {
        if (piece.events().isEmpty()) {
            return -1;
        }
        return WireEvents.decode(piece.events().get(piece.events().size() - 1)).seq();
    }
}
