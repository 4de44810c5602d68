package dev.baton.audit;

import dev.baton.engine.RunEvent;
import dev.baton.secret.Redactor;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Long texts stored once (schema version 2): read back whole, O(n) rows for a FULL chain, covered by verify. */
class AuditTextsTest {

    @TempDir
    Path dir;

    private AuditTestRuns.Done recordChain(Path db, int agents) throws Exception {
        Flow flow = AuditCrashChild.longChain(agents); // FULL context on every edge
        try (AuditWriter writer = AuditWriter.open(db)) {
            return AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(11), flow, "Draft a note on heat pumps");
        }
    }

    @Test
    void fullChainStoresEachTextOnceAndReadsItBackWhole() throws Exception {
        Path db = dir.resolve("audit");
        int agents = 30;
        AuditTestRuns.Done done = recordChain(db, agents);
        String runId = done.result().runId();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            List<AuditStore.StoredEvent> events = store.events(runId);
            assertThat(events).hasSize(done.recorder().events.size());
            for (int i = 0; i < events.size(); i++) {
                RunEvent original = done.recorder().events.get(i);
                AuditStore.StoredEvent stored = events.get(i);
                // the payload reads exactly as if every text had been stored inline (schema version 1's form)
                assertThat(stored.payload()).isEqualTo(EventCodec.encode(original, Redactor.shapesOnly()).payload());
                if (original instanceof RunEvent.AgentStarted a && a.input().length() >= TextStore.INLINE_MAX) {
                    assertThat(stored.storedPayload()).contains("\"$texts\":{\"/input\":")
                            .hasSizeLessThan(400);
                }
            }
            assertThat(store.verify().intact()).isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db + ";ACCESS_MODE_DATA=r", "sa", "");
             Statement s = c.createStatement()) {
            long chars = count(s, "SELECT SUM(LENGTH(body)) FROM text_chunks");
            long parts = count(s, "SELECT COUNT(*) FROM text_parts");
            long contextChars = done.recorder().events.stream().filter(RunEvent.ContextPassed.class::isInstance)
                    .mapToLong(e -> ((RunEvent.ContextPassed) e).context().length()).sum();
            // inline, the contexts alone were O(n²) characters; stored once, the texts are a small fraction of it
            assertThat(chars).isPositive().isLessThan(contextChars / 10);
            // each context extends the one before: a few parts per agent, not a growing list per agent
            assertThat(parts).isLessThan(8L * agents);
            assertThat(count(s, "SELECT COUNT(*) FROM texts WHERE extends_id IS NOT NULL")).isGreaterThan(agents / 2);
            // the documented way to read a text gives the text
            try (ResultSet rs = s.executeQuery("SELECT body FROM text_bodies WHERE id = (SELECT MAX(id) FROM texts"
                    + " WHERE extends_id IS NOT NULL)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("Request:\nDraft a note on heat pumps");
            }
        }
    }

    @Test
    void verifyNamesAChangedChunkAndTheEventThatUsesIt() throws Exception {
        Path db = dir.resolve("audit");
        String runId = recordChain(db, 6).result().runId();
        long chunk;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
             Statement s = c.createStatement()) {
            chunk = count(s, "SELECT MIN(id) FROM text_chunks WHERE body LIKE '%Draft a Note%'");
            assertThat(s.executeUpdate("UPDATE text_chunks SET body = REPLACE(body, 'Draft', 'Forged') WHERE id = "
                    + chunk)).isOne();
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            AuditStore.VerifyReport report = store.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.breaks()).singleElement().satisfies(b -> {
                assertThat(b.runId()).isEqualTo(runId);
                assertThat(b.reason()).contains("refers to text", "its chunk " + chunk, "was changed")
                        .startsWith("event #" + b.seq());
            });
        }
    }

    @Test
    void verifyNamesATextRowThatNoLongerMatchesItsChunks() throws Exception {
        Path db = dir.resolve("audit");
        recordChain(db, 6);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
             Statement s = c.createStatement()) {
            // a text's chunk ids pointed elsewhere: every body intact, the text's chunks gone (schema version 9
            // keeps them in texts.parts)
            long text = count(s, "SELECT MIN(id) FROM texts WHERE CARDINALITY(parts) > 1");
            assertThat(s.executeUpdate("UPDATE texts SET parts = ARRAY[-parts[1]] || ARRAY_SLICE(parts, 2,"
                    + " CARDINALITY(parts)) WHERE id = " + text)).isOne();
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.verify().breaks()).singleElement().satisfies(b -> assertThat(b.reason())
                    .contains("refers to text", "is missing"));
        }
    }

    @Test
    void secretsInLongTextsAreRedactedBeforeTheyAreChunked() throws Exception {
        String registered = "plantedLongTextKey4455667788";
        String filler = "An ordinary paragraph about the key figures of the heat pump market in winter. ".repeat(3);
        String input = filler + "\n\n" + filler + " uses " + registered + " today.\n\n" + filler
                + "\n\nAuthorization:\n\nBearer plantedSpanningToken123456\n\n" + filler;
        Flow flow = AuditCrashChild.longChain(2);
        Path db = dir.resolve("audit");
        try (AuditWriter writer = AuditWriter.open(db, notice -> { }, new Redactor(List.of(registered)))) {
            AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(3), flow, input);
        }
        byte[] file = Files.readAllBytes(db.resolveSibling("audit.mv.db"));
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("An ordinary paragraph").contains(Redactor.REDACTED)
                .doesNotContain(registered).doesNotContain("plantedSpanningToken");
    }

    @Test
    void version1DatabaseReadsAndVerifiesThenUpgradesInPlace() throws Exception {
        Path db = AuditV1Fixture.copyTo(dir.resolve("old"));
        // written by the version 1 build (commit c983482): the chain sample, then the swarm sample, both simulated
        String chainRun = "run-b9c0d83e-9c96-4abf-9c20-f553d3321878";
        try (H2AuditStore store = H2AuditStore.open(db)) { // read-only: stays version 1
            assertThat(store.verify().intact()).isTrue();
            assertThat(store.verify().events()).isEqualTo(112);
            assertThat(store.events(chainRun)).hasSize(75);
            assertThat(store.modelCalls(chainRun)).isNotEmpty().anySatisfy(m -> assertThat(m.prompt()).isNotBlank());
            assertThat(store.handoffs("run-54b875c2-3729-4106-8dbc-032a311b5a75")).hasSize(2)
                    .allSatisfy(h -> assertThat(h.context()).isNotBlank());
        }
        List<AuditStore.StoredEvent> before;
        try (H2AuditStore store = H2AuditStore.open(db)) {
            before = store.events(chainRun);
        }
        AuditTestRuns.Done added;
        try (AuditWriter writer = AuditWriter.open(db)) { // migrates to the latest version
            added = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(4), AuditCrashChild.longChain(4),
                    "Draft a note");
            assertThat(writer.awaitCommitted(added.result().runId(), Duration.ofSeconds(10))).isTrue();
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            AuditStore.VerifyReport report = store.verify();
            assertThat(report.intact()).as(report.breaks().toString()).isTrue();
            assertThat(report.runs()).isEqualTo(3);
            assertThat(store.events(chainRun)).isEqualTo(before);
            assertThat(store.events(added.result().runId())).hasSize(added.recorder().events.size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db + ";ACCESS_MODE_DATA=r", "sa", "");
             Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT MAX(CAST(\"version\" AS INT)) FROM \"" + AuditDatabase.HISTORY_TABLE + "\""))
                    .isEqualTo(AuditDatabase.LATEST_SCHEMA);
            // version 4 dropped the secondary indexes no query uses; the runs' paging indexes stay
            assertThat(count(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE LOWER(INDEX_NAME) IN"
                    + " ('handoffs_from', 'handoffs_to', 'decisions_node', 'decisions_run_kind', 'model_calls_agent',"
                    + " 'model_calls_run_agent')")).isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE LOWER(INDEX_NAME) IN"
                    + " ('runs_started', 'runs_flow_started', 'runs_status_started')")).isEqualTo(3);
            // version 5: events are keyed by one number, kept in one tree, with no second index
            assertThat(count(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE UPPER(TABLE_NAME) = 'EVENTS'"))
                    .isOne();
            assertThat(count(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                    + " WHERE UPPER(TABLE_NAME) = 'EVENTS' AND UPPER(COLUMN_NAME) = 'EVENT_KEY'")).isOne();
            assertThat(count(s, "SELECT COUNT(*) FROM events e JOIN runs r ON r.run_id = e.run_id"
                    + " WHERE e.event_key <> r.run_no * 4294967296 + e.seq")).isZero();
            assertThat(count(s, "SELECT COUNT(DISTINCT run_no) FROM runs")).isEqualTo(3);
            // version 6: run_events gives one run's events by run id, the same rows as events, through the key
            for (String run : List.of(chainRun, added.result().runId())) {
                assertThat(count(s, "SELECT COUNT(*) FROM run_events WHERE run_id = '" + run + "'"))
                        .isEqualTo(count(s, "SELECT COUNT(*) FROM events WHERE run_id = '" + run + "'"))
                        .isPositive();
                assertThat(count(s, "SELECT COUNT(*) FROM run_events v JOIN events e ON e.event_key = v.event_key"
                        + " WHERE v.run_id = '" + run + "' AND (e.run_id <> v.run_id OR e.seq <> v.seq"
                        + " OR e.hash <> v.hash OR e.payload <> v.payload)")).isZero();
            }
            try (ResultSet plan = s.executeQuery("EXPLAIN SELECT * FROM run_events WHERE run_id = '" + chainRun
                    + "' ORDER BY seq")) {
                plan.next();
                assertThat(plan.getString(1)).as("a key range on events, not a scan")
                        .containsPattern("(?s)INNER JOIN \\S*EVENTS E\\s+/\\* \\S*PRIMARY_KEY\\S*: EVENT_KEY >=");
            }
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
