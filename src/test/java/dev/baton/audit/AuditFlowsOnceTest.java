package dev.baton.audit;

import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Schema version 3: each distinct flow JSON is stored once in flows; runs refer to it by flow_sha256. */
class AuditFlowsOnceTest {

    @TempDir
    Path dir;

    /** Records {@code chain} twice, then {@code other}; the three run ids in that order. */
    private static String[] chainTwiceThenOther(Path db, Flow chain, Flow other) throws Exception {
        try (AuditWriter writer = AuditWriter.open(db)) {
            FlowRunnerHolder runs = new FlowRunnerHolder(writer);
            return new String[] {runs.run(chain), runs.run(chain), runs.run(other)};
        }
    }

    @Test
    void runsOfOneFlowShareOneFlowRowAndReadTheirFlowBackWhole() throws Exception {
        Path db = dir.resolve("flows");
        Flow chain = AuditCrashChild.longChain(3);
        Flow other = AuditCrashChild.longChain(4);
        String[] ids = chainTwiceThenOther(db, chain, other);
        try (Connection c = AuditDatabase.openForReading(db); Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT COUNT(*) FROM flows")).isEqualTo(2);
            assertThat(count(st, "SELECT COUNT(*) FROM runs WHERE flow_json IS NOT NULL")).isZero();
            assertThat(count(st, "SELECT COUNT(DISTINCT flow_sha256) FROM runs")).isEqualTo(2);
            // plain SQL reads a run's flow through the run_flows view
            try (ResultSet rs = st.executeQuery("SELECT flow_json FROM run_flows WHERE run_id = '" + ids[2] + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(FlowJson.write(other));
            }
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.flowJson(ids[0])).contains(FlowJson.write(chain));
            assertThat(store.flowJson(ids[1])).contains(FlowJson.write(chain));
            assertThat(store.flowJson(ids[2])).contains(FlowJson.write(other));
            assertThat(store.run(ids[0]).orElseThrow().flowSha256())
                    .isEqualTo(AuditHashes.sha256Hex(FlowJson.write(chain)));
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @Test
    void editingTheSharedFlowRowBreaksEveryRunOfThatFlowInVerify() throws Exception {
        Path db = dir.resolve("forged-flow");
        Flow chain = AuditCrashChild.longChain(3);
        Flow other = AuditCrashChild.longChain(4);
        String[] ids = chainTwiceThenOther(db, chain, other);
        String sha = AuditHashes.sha256Hex(FlowJson.write(chain));
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
             Statement st = c.createStatement()) {
            // one trailing space: the JSON still parses, but it is no longer what ran
            assertThat(st.executeUpdate("UPDATE flows SET flow_json = flow_json || ' ' WHERE flow_sha256 = '"
                    + sha + "'")).isOne();
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            AuditStore.VerifyReport report = store.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.breaks()).extracting(AuditStore.ChainBreak::runId)
                    .containsExactlyInAnyOrder(ids[0], ids[1]);
            assertThat(report.breaks()).allSatisfy(b -> assertThat(b.reason())
                    .contains("flow JSON does not match its SHA-256 " + sha));
        }
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
             Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM flows WHERE flow_sha256 = '" + sha + "'");
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.verify().breaks()).extracting(AuditStore.ChainBreak::reason)
                    .allSatisfy(r -> assertThat(r).contains("flow JSON (flow " + sha + ") is missing"));
        }
    }

    @Test
    void aLongFinalOutputIsStoredAsAReferenceToItsTextAndReadsBackWhole() throws Exception {
        Path db = dir.resolve("outputs");
        AuditTestRuns.Done done;
        try (AuditWriter writer = AuditWriter.open(db)) {
            done = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(2), AuditCrashChild.longChain(3),
                    "Draft a note");
        }
        String id = done.result().runId();
        String output = done.result().output();
        assertThat(output.length()).isGreaterThanOrEqualTo(TextStore.INLINE_MAX);
        try (Connection c = AuditDatabase.openForReading(db); Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT COUNT(*) FROM runs WHERE output IS NULL AND output_text IS NOT NULL"
                    + " AND run_id = '" + id + "'")).isEqualTo(1);
            try (ResultSet rs = st.executeQuery("SELECT b.body, r.output_text, e.payload FROM runs r"
                    + " JOIN text_bodies b ON b.id = r.output_text JOIN events e ON e.run_id = r.run_id"
                    + " AND e.kind = 'RunFinished' WHERE r.run_id = '" + id + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(output);
                // the reference names the very text the RunFinished event stored: no text rows of its own
                assertThat(rs.getString(3).replace(" ", "")).contains("\"/output\":" + rs.getLong(2));
            }
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.run(id).orElseThrow().output()).isEqualTo(output);
            assertThat(store.runs(AuditStore.RunQuery.ALL, 0, 10).items()).singleElement()
                    .satisfies(r -> assertThat(r.output()).isEqualTo(output));
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @Test
    void aVersion1DatabaseKeepsItsInlineFlowsReadableBeforeAndAfterTheUpgrade() throws Exception {
        Path db = AuditV1Fixture.copyTo(dir.resolve("old"));
        String chainRun = "run-b9c0d83e-9c96-4abf-9c20-f553d3321878";
        String before;
        try (H2AuditStore store = H2AuditStore.open(db)) {
            before = store.flowJson(chainRun).orElseThrow();
        }
        assertThat(before).contains("baton.flow/1");
        String added;
        try (AuditWriter writer = AuditWriter.open(db)) { // migrates to version 3
            added = new FlowRunnerHolder(writer).run(AuditCrashChild.longChain(2));
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.flowJson(chainRun)).contains(before);
            assertThat(store.flowJson(added)).contains(FlowJson.write(AuditCrashChild.longChain(2)));
            assertThat(store.verify().intact()).isTrue();
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs flows on the simulated model into one writer and waits for each to be committed. */
    private record FlowRunnerHolder(AuditWriter writer) {
        String run(Flow flow) throws Exception {
            AuditTestRuns.Done done = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(1), flow, "Draft");
            String id = done.result().runId();
            assertThat(writer.awaitCommitted(id, Duration.ofSeconds(10))).isTrue();
            return id;
        }
    }
}
