package dev.baton.audit;

import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema version 9: a text row lists the chunks it adds (texts.parts) instead of one text_parts row per chunk; a
 * database written by version 8 keeps its rows (renamed text_part_rows), reads, verifies and takes new runs.
 */
class AuditTextPartsTest {

    @TempDir
    Path dir;

    private static AuditTestRuns.Done record(AuditWriter writer, int agents, long seed) throws Exception {
        Flow flow = AuditCrashChild.longChain(agents); // FULL context on every edge: texts extending texts
        return AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(seed), flow, "Draft a note on heat pumps");
    }

    @Test
    void aTextListsItsChunksInItsOwnRow() throws Exception {
        Path db = dir.resolve("audit");
        AuditTestRuns.Done done;
        try (AuditWriter writer = AuditWriter.open(db)) {
            done = record(writer, 8, 3);
            assertThat(writer.awaitCommitted(done.result().runId(), Duration.ofSeconds(10))).isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db + ";ACCESS_MODE_DATA=r", "sa", "");
             Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM text_part_rows")).isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM texts WHERE parts IS NULL")).isZero();
            // the view gives the rows the table had: positions 0.. per text, each chunk once
            long parts = count(s, "SELECT COUNT(*) FROM text_parts");
            assertThat(parts).isEqualTo(count(s, "SELECT SUM(CARDINALITY(parts)) FROM texts")).isPositive();
            assertThat(count(s, "SELECT COUNT(*) FROM text_parts p JOIN texts t ON t.id = p.text_id"
                    + " WHERE p.pos < 0 OR p.pos >= t.chunks")).isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM text_parts p LEFT JOIN text_chunks c ON c.id = p.chunk_id"
                    + " WHERE c.id IS NULL")).isZero();
            try (ResultSet rs = s.executeQuery("SELECT body FROM text_bodies WHERE id = (SELECT MAX(id) FROM texts"
                    + " WHERE extends_id IS NOT NULL)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("Request:\nDraft a note on heat pumps");
            }
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.events(done.result().runId())).hasSize(done.recorder().events.size());
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @Test
    void verifyNamesAChangedPartsList() throws Exception {
        Path db = dir.resolve("audit");
        try (AuditWriter writer = AuditWriter.open(db)) {
            record(writer, 6, 5);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
             Statement s = c.createStatement()) {
            // two chunks of one text swapped: every body intact, the text no longer matches its hash
            long text = count(s, "SELECT MIN(id) FROM texts WHERE CARDINALITY(parts) > 1");
            assertThat(s.executeUpdate("UPDATE texts SET parts = ARRAY[parts[2], parts[1]]"
                    + " || ARRAY_SLICE(parts, 3, CARDINALITY(parts)) WHERE id = " + text)).isOne();
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            AuditStore.VerifyReport report = store.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.breaks()).allSatisfy(b -> assertThat(b.reason()).contains("refers to text",
                    "do not match its hash"));
        }
    }

    @Test
    void aVersion8DatabaseReadsVerifiesAndTakesNewRuns() throws Exception {
        Path db = dir.resolve("audit");
        AuditTestRuns.Done old;
        try (AuditWriter writer = AuditWriter.open(db)) {
            old = record(writer, 6, 7);
        }
        String oldRun = old.result().runId();
        List<AuditStore.StoredEvent> before;
        try (H2AuditStore store = H2AuditStore.open(db)) {
            before = store.events(oldRun);
        }
        long oldParts = downgradeToVersion8(db);
        assertThat(oldParts).isPositive();
        // read-only, as version 8 left it (readers never migrate)
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.events(oldRun)).isEqualTo(before);
            assertThat(store.verify().intact()).isTrue();
        }
        AuditTestRuns.Done added;
        try (AuditWriter writer = AuditWriter.open(db)) { // upgrades to version 9
            added = record(writer, 6, 9);
            assertThat(writer.awaitCommitted(added.result().runId(), Duration.ofSeconds(10))).isTrue();
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            AuditStore.VerifyReport report = store.verify();
            assertThat(report.intact()).as(report.breaks().toString()).isTrue();
            assertThat(store.events(oldRun)).isEqualTo(before);
            assertThat(store.events(added.result().runId())).hasSize(added.recorder().events.size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
             Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT MAX(CAST(\"version\" AS INT)) FROM \"" + AuditDatabase.HISTORY_TABLE + "\""))
                    .isEqualTo(9);
            assertThat(count(s, "SELECT COUNT(*) FROM text_part_rows")).isEqualTo(oldParts);
            assertThat(count(s, "SELECT COUNT(*) FROM texts WHERE parts IS NOT NULL")).isPositive();
            assertThat(count(s, "SELECT COUNT(*) FROM text_parts")).isGreaterThan(oldParts);
            // a changed row of the old form is still found
            assertThat(s.executeUpdate("UPDATE text_part_rows SET chunk_id = -chunk_id WHERE text_id ="
                    + " (SELECT MIN(text_id) FROM text_part_rows)")).isPositive();
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            AuditStore.VerifyReport report = store.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.breaks()).allSatisfy(b -> {
                assertThat(b.runId()).isEqualTo(oldRun);
                assertThat(b.reason()).contains("refers to text", "is missing");
            });
        }
    }

    /**
     * Turns a database this build wrote into what schema version 8 wrote: every text's chunks as rows of
     * text_parts, no parts column, no version 9 in the history. Returns the part rows made.
     */
    private static long downgradeToVersion8(Path db) throws Exception {
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, chunks, parts FROM texts");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO text_part_rows (text_id, pos, chunk_id)"
                         + " VALUES (?, ?, ?)")) {
                while (rs.next()) {
                    Array parts = rs.getArray(3);
                    Object[] ids = (Object[]) parts.getArray();
                    for (int i = 0; i < ids.length; i++) {
                        insert.setLong(1, rs.getLong(1));
                        insert.setInt(2, rs.getInt(2) - ids.length + i);
                        insert.setLong(3, ((Number) ids[i]).longValue());
                        insert.executeUpdate();
                        rows++;
                    }
                }
            }
            s.execute("DROP VIEW text_bodies");
            s.execute("DROP VIEW text_parts");
            s.execute("ALTER TABLE texts DROP COLUMN parts");
            s.execute("ALTER TABLE text_part_rows RENAME TO text_parts");
            s.execute("""
                    CREATE VIEW text_bodies (id, hash, body) AS
                        WITH RECURSIVE lineage (text_id, ancestor) AS (
                            SELECT id, id FROM texts
                            UNION ALL
                            SELECT l.text_id, t.extends_id FROM lineage l JOIN texts t ON t.id = l.ancestor
                            WHERE t.extends_id IS NOT NULL)
                        SELECT l.text_id, (SELECT hash FROM texts WHERE id = l.text_id),
                            LISTAGG(c.body, '') WITHIN GROUP (ORDER BY p.pos)
                        FROM lineage l JOIN text_parts p ON p.text_id = l.ancestor JOIN text_chunks c ON c.id = p.chunk_id
                        GROUP BY l.text_id""");
            s.execute("DELETE FROM \"" + AuditDatabase.HISTORY_TABLE + "\" WHERE \"version\" = '9'");
        }
        return rows;
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
