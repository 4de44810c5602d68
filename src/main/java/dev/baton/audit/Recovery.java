package dev.baton.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs whose process died (kill -9, a crash): readers show them INTERRUPTED ({@link #interruptedView}) and a writer
 * marks them so ({@link #markInterrupted}), with the totals their recorded model calls add up to.
 */
final class Recovery {

    private Recovery() {
    }

    /** What a recorded run's events say of it: its last event and the totals of its model calls. */
    record Recorded(long lastSeq, String lastKind, Instant lastTime, String lastHash, long inputTokens,
                    long outputTokens, int modelCalls) {
        /** status_detail for an interrupted run. */
        String detail() {
            return lastKind == null ? "interrupted before any event was recorded"
                    : "interrupted: the last event recorded was #" + lastSeq + " " + lastKind;
        }
    }

    /**
     * Marks RUNNING runs whose writer is gone ({@link WriterProcess#isGone}) INTERRUPTED, with their recorded totals
     * and a seal. Called by a writer when it first opens the database, holding the gate: another live process's
     * runs are left alone.
     */
    static List<String> markInterrupted(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, run_no, writer FROM runs"
                + " WHERE status = 'RUNNING'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (WriterProcess.isGone(rs.getString(3), false)) { // no other writer of ours is open here
                    ids.add(rs.getString(1));
                    numbers.add(rs.getLong(2));
                }
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Recorded r = recorded(c, id, numbers.get(i), true);
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = 'INTERRUPTED', last_seq = ?,"
                    + " last_event_type = ?, ended_at = ?, status_detail = ?, input_tokens = ?, output_tokens = ?,"
                    + " model_calls = ?, elapsed_ms = DATEDIFF(MILLISECOND, started_at, ?)"
                    + " WHERE run_id = ? AND status = 'RUNNING'")) {
                ps.setLong(1, r.lastSeq());
                ps.setString(2, r.lastKind());
                ps.setObject(3, r.lastTime() == null ? null : BatchInserter.utc(r.lastTime()));
                ps.setString(4, r.detail());
                ps.setLong(5, r.inputTokens());
                ps.setLong(6, r.outputTokens());
                ps.setInt(7, r.modelCalls());
                ps.setObject(8, r.lastTime() == null ? null : BatchInserter.utc(r.lastTime()));
                ps.setString(9, id);
                ps.executeUpdate();
            }
            RunSeal.write(c, id, r.lastHash() == null ? "" : r.lastHash());
        }
        if (!ids.isEmpty()) {
            c.commit();
        }
        return List.copyOf(ids);
    }

    /**
     * The last event and model-call totals of a run; {@code keyed}: events keyed by run number (schema version 5),
     * else found by run id.
     */
    static Recorded recorded(Connection c, String runId, long runNo, boolean keyed) throws SQLException {
        long seq = 0;
        String kind = null;
        Instant time = null;
        String hash = null;
        try (PreparedStatement ps = c.prepareStatement(keyed
                ? "SELECT seq, kind, event_time, hash FROM events WHERE event_key BETWEEN ? AND ?"
                + " ORDER BY event_key DESC LIMIT 1"
                : "SELECT seq, kind, event_time, hash FROM events WHERE run_id = ? ORDER BY seq DESC LIMIT 1")) {
            if (keyed) {
                ps.setLong(1, EventKeys.first(runNo));
                ps.setLong(2, EventKeys.last(runNo));
            } else {
                ps.setString(1, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong(1);
                    kind = rs.getString(2);
                    OffsetDateTime t = rs.getObject(3, OffsetDateTime.class);
                    time = t == null ? null : t.toInstant();
                    hash = rs.getString(4);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(input_tokens), 0),"
                + " COALESCE(SUM(output_tokens), 0), COUNT(*) FROM model_calls WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Recorded(seq, kind, time, hash, rs.getLong(1), rs.getLong(2), rs.getInt(3));
            }
        }
    }
}
