package dev.baton.audit;

import dev.baton.engine.RunEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writer's side of runs recorded piecewise by several processes (a run on Temporal: each piece comes from
 * whichever worker took the activity, and a worker may die and another take over). Before a piece is written, the
 * run's chain head is read back from the database once per transaction: an event already stored is skipped (a piece
 * sent again after a crash or a replay), an event after a gap is not written (the sender is told to send from the
 * head), and a run another process recorded last is taken over (its writer column names this process, a run marked
 * INTERRUPTED while its workers were gone is RUNNING again). So every event is stored exactly once, in order,
 * gap-free, on one hash chain, whichever process recorded it.
 */
final class SharedRuns {

    private final Map<String, BatchInserter.RunState> runs;
    private final String writerId;
    private Connection c;
    /** Runs whose head was read in the current transaction: until it ends, no other process can write them. */
    private final Set<String> checked = new HashSet<>();
    /** Events admitted or found stored in the current transaction: settled for their senders at its commit. */
    private final List<SharedRunProgress> settleProgress = new ArrayList<>();
    private final List<Long> settleSeq = new ArrayList<>();

    SharedRuns(Map<String, BatchInserter.RunState> runs, String writerId) {
        this.runs = runs;
        this.writerId = writerId;
    }

    void attach(Connection c) {
        this.c = c;
    }

    /**
     * True when {@code e} is to be written now (its run's state is then in the runs map, unless it starts a run
     * this database does not hold); false when it is skipped: stored already, or after a gap.
     */
    boolean admit(RunEvent e, SharedRunProgress progress) throws SQLException {
        String runId = e.runId();
        BatchInserter.RunState state = runs.get(runId);
        if (checked.add(runId)) {
            state = refresh(runId, state);
        }
        if (state == null) {
            if (e instanceof RunEvent.RunStarted && e.seq() == 1) {
                settle(progress, e.seq());
                return true; // a run new to this database: the writer numbers it as any other
            }
            progress.gap(0);
            return false;
        }
        if (e.seq() <= state.lastSeq) {
            settle(progress, e.seq());
            return false;
        }
        if (e.seq() != state.lastSeq + 1) {
            progress.gap(state.lastSeq);
            return false;
        }
        settle(progress, e.seq());
        return true;
    }

    private void settle(SharedRunProgress progress, long seq) {
        settleProgress.add(progress);
        settleSeq.add(seq);
    }

    /** The transaction committed: the senders learn what is stored. */
    void committed() {
        for (int i = 0; i < settleProgress.size(); i++) {
            settleProgress.get(i).stored(settleSeq.get(i));
        }
        ended();
    }

    /** The transaction ended (committed or rolled back): heads are read again in the next one. */
    void ended() {
        checked.clear();
        settleProgress.clear();
        settleSeq.clear();
    }

    /**
     * The run's state as the database holds it: the one in memory when this process wrote the run's last stored
     * event, else read back (and the run taken over); null when the database does not hold the run.
     */
    private BatchInserter.RunState refresh(String runId, BatchInserter.RunState inMemory) throws SQLException {
        long runNo;
        String status;
        String writer;
        try (PreparedStatement ps = c.prepareStatement("SELECT run_no, status, writer FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    runs.remove(runId);
                    return null;
                }
                runNo = rs.getLong(1);
                status = rs.getString(2);
                writer = rs.getString(3);
            }
        }
        long lastSeq = 0;
        String lastHash = "";
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM events WHERE event_key BETWEEN ? AND ?"
                + " ORDER BY event_key DESC LIMIT 1")) {
            ps.setLong(1, EventKeys.first(runNo));
            ps.setLong(2, EventKeys.last(runNo));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lastSeq = rs.getLong(1);
                    lastHash = rs.getString(2);
                }
            }
        }
        if (inMemory != null && inMemory.runNo == runNo && inMemory.lastSeq == lastSeq
                && writerId.equals(writer) && "RUNNING".equals(status)) {
            return inMemory; // nobody else wrote it since
        }
        takeOver(runId, status);
        BatchInserter.RunState state = new BatchInserter.RunState();
        state.runNo = runNo;
        state.lastSeq = lastSeq;
        state.lastHash = lastHash;
        state.startColumns = startColumns(runId);
        // a model or tool call whose request another process stored is paired without it (request_seq = its own
        // seq, no prompt), which audit verify accepts; the workflow sends pieces that end with no call pending
        runs.put(runId, state);
        return state;
    }

    /** This process records the run from now on; a run marked INTERRUPTED meanwhile is RUNNING again. */
    private void takeOver(String runId, String status) throws SQLException {
        if ("INTERRUPTED".equals(status)) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = 'RUNNING', writer = ?,"
                    + " status_detail = NULL, ended_at = NULL, input_tokens = 0, output_tokens = 0, model_calls = 0,"
                    + " elapsed_ms = NULL, last_seq = 0, last_event_type = NULL, seal = NULL WHERE run_id = ?")) {
                ps.setString(1, writerId);
                ps.setString(2, runId);
                ps.executeUpdate();
            }
        } else if ("RUNNING".equals(status)) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET writer = ? WHERE run_id = ?")) {
                ps.setString(1, writerId);
                ps.setString(2, runId);
                ps.executeUpdate();
            }
        } // an ended run is whole: every event sent again is skipped
    }

    /** The seal's first columns as the run row holds them ({@link AuditHashes#SEAL_COLUMNS}, started part). */
    private List<Object> startColumns(String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, run_no, flow_id, flow_name, flow_sha256, input,"
                + " started_at, simulated, providers, writer FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<Object> values = new ArrayList<>(10);
                for (int i = 1; i <= 10; i++) {
                    values.add(i == 7 ? H2AuditStore.instant(rs, i) : rs.getObject(i));
                }
                return values;
            }
        }
    }
}
