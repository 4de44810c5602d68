package dev.baton.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a database's schema version means for readers, found by looking at its tables: a read-only store opens
 * databases of every version without migrating them, so each reader asks here which form it is reading.
 */
final class AuditSchema {

    private AuditSchema() {
    }

    /** True from schema version 2: long texts stored once, as chunks. */
    static boolean hasTextTables(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'TEXT_PARTS'") > 0;
    }

    /** True from schema version 3: flows stored once, runs.output_text. */
    static boolean hasFlowsTable(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'FLOWS'") > 0;
    }

    /** True from schema version 5: events keyed by run number and sequence ({@link EventKeys}). */
    static boolean eventsKeyed(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE UPPER(TABLE_NAME) = 'RUNS' AND UPPER(COLUMN_NAME) = 'RUN_NO'") > 0;
    }

    /** True from schema version 7: runs.writer names the recording process, runs.seal covers the run row. */
    static boolean hasWriterColumn(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE UPPER(TABLE_NAME) = 'RUNS' AND UPPER(COLUMN_NAME) = 'WRITER'") > 0;
    }

    /** True from schema version 8: tool calls derived from their events (issue 14). */
    static boolean hasToolCallsTable(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'TOOL_CALLS'") > 0;
    }

    /** True from schema version 9: a text row lists the chunks it adds (texts.parts); older ones are rows of
     *  text_part_rows (text_parts before version 9). */
    static boolean hasPartsColumn(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE UPPER(TABLE_NAME) = 'TEXTS' AND UPPER(COLUMN_NAME) = 'PARTS'") > 0;
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
