package dev.baton.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Marks runs a crash left RUNNING as INTERRUPTED, noting the last event that reached the disk. */
final class Recovery {

    private Recovery() {
    }

    /** Runs only when the writer opens, i.e. when no process can be writing them (H2's file lock). */
    static List<String> markInterrupted(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        // the writer opens the database migrated: events are keyed by run number (schema version 5)
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, run_no FROM runs WHERE status = 'RUNNING'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
                numbers.add(rs.getLong(2));
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            long seq = 0;
            String kind = null;
            OffsetDateTime time = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, kind, event_time FROM events WHERE event_key BETWEEN ? AND ?"
                            + " ORDER BY event_key DESC LIMIT 1")) {
                ps.setLong(1, EventKeys.first(numbers.get(i)));
                ps.setLong(2, EventKeys.last(numbers.get(i)));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        seq = rs.getLong(1);
                        kind = rs.getString(2);
                        time = rs.getObject(3, OffsetDateTime.class);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = 'INTERRUPTED', last_seq = ?,"
                    + " last_event_type = ?, ended_at = ?, status_detail = ? WHERE run_id = ? AND status = 'RUNNING'")) {
                ps.setLong(1, seq);
                ps.setString(2, kind);
                ps.setObject(3, time);
                ps.setString(4, kind == null ? "interrupted before any event was recorded"
                        : "interrupted: the last event recorded was #" + seq + " " + kind);
                ps.setString(5, id);
                ps.executeUpdate();
            }
        }
        return List.copyOf(ids);
    }
}
