package dev.baton.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database written by main's build before schema version 9 (two {@code baton run}s of the samples
 * chain-blog-article and swarm-customer-support, then H2's SHUTDOWN COMPACT; schema 8, 59 text_parts rows), kept
 * as a file: it reads and verifies as it is without being changed, and a writer upgrades it to version 9 and appends
 * to it, after which the old runs read the same and every chain still verifies.
 */
class AuditSchema8FileTest {

    @TempDir
    Path dir;

    private Path unpack() throws Exception {
        Path file = dir.resolve("audit.mv.db");
        try (InputStream in = new GZIPInputStream(AuditSchema8FileTest.class.getResourceAsStream(
                "schema8-two-runs.mv.db.gz"))) {
            Files.copy(in, file);
        }
        return dir.resolve("audit");
    }

    @Test
    void aVersion8FileReadsVerifiesUpgradesAndTakesNewRuns() throws Exception {
        Path db = unpack();
        Path file = AuditPaths.dataFile(db);
        byte[] asShipped = Files.readAllBytes(file);
        Map<String, List<AuditStore.StoredEvent>> before = new LinkedHashMap<>();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            for (AuditStore.RunSummary run : store.runs(AuditStore.RunQuery.ALL, 0, 50).items()) {
                before.put(run.runId(), store.events(run.runId()));
            }
            AuditStore.VerifyReport report = store.verify();
            assertThat(report.intact()).as(report.breaks().toString()).isTrue();
            assertThat(report.runs()).isEqualTo(2);
        }
        assertThat(before).hasSize(2);
        assertThat(before.values()).allSatisfy(events -> assertThat(events).hasSizeGreaterThan(10));
        assertThat(Arrays.equals(Files.readAllBytes(file), asShipped)).as("readers leave a version 8 file alone")
                .isTrue();
        assertThat(version(db)).isEqualTo(8);

        List<String> notices = new java.util.ArrayList<>();
        String added = "run-appended-to-version-8";
        try (AuditWriter writer = AuditWriter.open(db, (java.util.function.Consumer<String>) notices::add)) {
            AuditListener l = writer.listenerFor(AuditCrashChild.longChain(3));
            for (var e : SyntheticRuns.fullChain(added, 3, 3, 5)) {
                l.onEvent(e);
            }
            assertThat(l.awaitCommitted(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(notices).singleElement().asString().contains("from schema version 8 to 9");
        assertThat(version(db)).isEqualTo(9);
        try (H2AuditStore store = H2AuditStore.open(db)) {
            for (Map.Entry<String, List<AuditStore.StoredEvent>> run : before.entrySet()) {
                assertThat(store.events(run.getKey())).as(run.getKey()).isEqualTo(run.getValue());
            }
            assertThat(store.events(added)).isNotEmpty();
            AuditStore.VerifyReport report = store.verify();
            assertThat(report.intact()).as(report.breaks().toString()).isTrue();
            assertThat(report.runs()).isEqualTo(3);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db + ";ACCESS_MODE_DATA=r", "sa", "");
             Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM text_part_rows")).isEqualTo(59); // the old rows, as they were
            assertThat(count(s, "SELECT COUNT(*) FROM texts WHERE parts IS NOT NULL")).isPositive(); // the new form
        }
    }

    private static long version(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db + ";ACCESS_MODE_DATA=r", "sa", "");
             Statement s = c.createStatement()) {
            return count(s, "SELECT MAX(CAST(\"version\" AS INT)) FROM \"" + AuditDatabase.HISTORY_TABLE + "\"");
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
