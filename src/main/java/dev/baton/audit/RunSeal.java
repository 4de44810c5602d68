package dev.baton.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a run row's sealed columns ({@link AuditHashes#SEAL_COLUMNS}) as the writer handed them to the seal. */
final class RunSeal {

    /** 1-based positions of the two time columns among {@link AuditHashes#SEAL_COLUMNS}. */
    private static final int STARTED_AT = 7;
    private static final int ENDED_AT = 16;
    static final int COLUMNS = 22;

    private RunSeal() {
    }

    /** The sealed columns of the current row of a query that selects {@link AuditHashes#SEAL_COLUMNS} first. */
    static List<Object> columns(ResultSet rs) throws SQLException {
        List<Object> values = new ArrayList<>(COLUMNS);
        for (int i = 1; i <= COLUMNS; i++) {
            values.add(i == STARTED_AT || i == ENDED_AT ? H2AuditStore.instant(rs, i) : rs.getObject(i));
        }
        return values;
    }

    /** Computes and stores the seal of one run row (after recovery changed it). */
    static void write(Connection c, String runId, String lastEventHash) throws SQLException {
        String seal;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AuditHashes.SEAL_COLUMNS
                + " FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                seal = AuditHashes.seal(lastEventHash, columns(rs));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET seal = ? WHERE run_id = ?")) {
            ps.setString(1, seal);
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }
}
