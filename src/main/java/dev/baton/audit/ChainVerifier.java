package dev.baton.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes every run's hash chain in one pass over the events (ordered by run and sequence) and names each run's
 * first broken row: a hash that does not match, a gap in the sequence, or events missing after the last one a
 * finished run recorded.
 */
final class ChainVerifier {

    private ChainVerifier() {
    }

    static AuditStore.VerifyReport verify(Connection c) throws SQLException {
        Map<String, Long> expectedLast = new HashMap<>();
        int runs = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, last_seq, status FROM runs");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs++;
                if (!"RUNNING".equals(rs.getString(3))) {
                    expectedLast.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        List<AuditStore.ChainBreak> breaks = new ArrayList<>();
        long events = 0;
        String run = null;
        String prev = "";
        long prevSeq = 0;
        boolean broken = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, seq, event_time, kind, node_id, edge_id,"
                + " payload, hash FROM events ORDER BY run_id, seq")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events++;
                    String id = rs.getString(1);
                    long seq = rs.getLong(2);
                    if (!id.equals(run)) {
                        checkEnd(run, prevSeq, broken, expectedLast, breaks);
                        run = id;
                        prev = "";
                        prevSeq = 0;
                        broken = false;
                    }
                    if (broken) {
                        continue;
                    }
                    String stored = rs.getString(8);
                    if (seq != prevSeq + 1) {
                        breaks.add(new AuditStore.ChainBreak(id, prevSeq + 1, "event #" + (prevSeq + 1)
                                + " is missing (the next stored event is #" + seq + ")"));
                        broken = true;
                        continue;
                    }
                    String hash = AuditHashes.hash(prev, id, seq, H2AuditStore.instant(rs, 3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7));
                    if (!hash.equals(stored)) {
                        breaks.add(new AuditStore.ChainBreak(id, seq, "event #" + seq + " (" + rs.getString(4)
                                + ") does not match its hash: it or an earlier link was changed"));
                        broken = true;
                        continue;
                    }
                    prev = stored;
                    prevSeq = seq;
                }
            }
        }
        checkEnd(run, prevSeq, broken, expectedLast, breaks);
        // finished runs whose events are all gone
        for (Map.Entry<String, Long> e : expectedLast.entrySet()) {
            if (e.getValue() > 0 && breaks.stream().noneMatch(b -> b.runId().equals(e.getKey()))
                    && !hasEvents(c, e.getKey())) {
                breaks.add(new AuditStore.ChainBreak(e.getKey(), 1, "all " + e.getValue() + " events are missing"));
            }
        }
        return new AuditStore.VerifyReport(runs, events, List.copyOf(breaks));
    }

    private static void checkEnd(String run, long lastSeq, boolean broken, Map<String, Long> expectedLast,
                                 List<AuditStore.ChainBreak> breaks) {
        if (run == null || broken) {
            return;
        }
        Long expected = expectedLast.get(run);
        if (expected != null && expected > lastSeq) {
            breaks.add(new AuditStore.ChainBreak(run, lastSeq + 1, "events #" + (lastSeq + 1) + " to #" + expected
                    + " are missing (the run recorded " + expected + " events)"));
        }
    }

    private static boolean hasEvents(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM events WHERE run_id = ? LIMIT 1")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
