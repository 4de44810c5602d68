package dev.baton.cli;

import dev.baton.audit.AuditWriter;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton audit list|show|export|verify} against a database with recorded sample runs. */
class AuditCommandTest {

    @TempDir
    Path dir;

    private Path db;
    private String swarmRun;
    private String chainRun;

    /** Output of one command line. */
    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void recordTwoRuns() throws Exception {
        db = dir.resolve("audit");
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT),
                RunnerOptions.DEFAULT);
        try (AuditWriter writer = AuditWriter.open(db)) {
            chainRun = record(writer, runner, "chain-blog-article.json", "Write about heat pumps");
            swarmRun = record(writer, runner, "swarm-customer-support.json",
                    "I was charged twice on my invoice: a double charge on my subscription plan payment");
        }
    }

    private static String record(AuditWriter writer, FlowRunner runner, String sample, String input)
            throws Exception {
        Flow flow = FlowFiles.load(Path.of("sample-flows", sample)).flow();
        RunHandle h = runner.start(flow, RunRequest.of(input).withoutHumanInput(), writer.listenerFor(flow));
        h.result().get(30, TimeUnit.SECONDS);
        assertThat(writer.awaitCommitted(h.runId(), Duration.ofSeconds(30))).isTrue();
        return h.runId();
    }

    static Result baton(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BatonCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void listShowsRunsNewestFirstAndFilters() {
        Result r = baton("audit", "list", "--db", db.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().indexOf(swarmRun)).isPositive().isLessThan(r.out().indexOf(chainRun));
        Result filtered = baton("audit", "list", "--db", db.toString(), "--flow", "chain-blog-article");
        assertThat(filtered.out()).contains(chainRun).doesNotContain(swarmRun);
        Result paged = baton("audit", "list", "--db", db.toString(), "--limit", "1");
        assertThat(paged.out()).contains(swarmRun).doesNotContain(chainRun).contains("--page 2");
    }

    @Test
    void showPrintsTheTimelineWithHandoffsAndVerdicts() {
        Result swarm = baton("audit", "show", swarmRun, "--db", db.toString());
        assertThat(swarm.code()).as(swarm.err()).isZero();
        assertThat(swarm.out()).contains("HANDOFF triage -> ", "Agents:", "tokens");
        // the simulated model's list price is 0: a known price, so a total is shown
        assertThat(swarm.out()).contains("Cost     $0.000000 at list price");
        // the end of a run id is random (its beginning is the time): 8 characters of it name one run
        Result chain = baton("audit", "show", chainRun.substring(chainRun.length() - 8), "--db", db.toString());
        assertThat(chain.out()).contains("VERDICT on editor", chainRun);
        Result both = baton("audit", "show", "run-", "--db", db.toString());
        assertThat(both.code()).isNotZero();
        assertThat(both.err()).contains("matches several runs");
    }

    @Test
    void exportWritesJsonAndCsv() throws Exception {
        Path json = dir.resolve("run.json");
        Result r = baton("audit", "export", swarmRun, "--format", "json", "--output", json.toString(),
                "--db", db.toString());
        assertThat(r.code()).as(r.err()).isZero();
        var tree = AuditText.JSON.readTree(json.toFile());
        assertThat(tree.path("run").path("runId").asText()).isEqualTo(swarmRun);
        assertThat(tree.path("events").get(0).path("kind").asText()).isEqualTo("RunStarted");
        assertThat(tree.path("events").get(0).path("payload").path("flowId").asText())
                .isEqualTo("swarm-customer-support");
        Result csv = baton("audit", "export", swarmRun, "--format", "csv", "--db", db.toString());
        assertThat(csv.out()).startsWith("run_id,seq,time,kind,node_id,edge_id,payload,hash\r\n" + swarmRun + ",1,");
        assertThat(baton("audit", "export", swarmRun, "--format", "xml", "--db", db.toString()).code()).isOne();
    }

    @Test
    void verifyPassesThenNamesTheEditedRow() throws Exception {
        Result ok = baton("audit", "verify", "--db", db.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("2 runs", "intact");
        editOneRowEach("UPDATE events SET payload = REPLACE(payload, ':', ': ')"
                + " WHERE run_id = '" + swarmRun + "' AND seq = 3");
        Result broken = baton("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isOne();
        assertThat(broken.err()).contains("BROKEN run " + swarmRun + " at event #3").doesNotContain(chainRun)
                .doesNotContain("Exception");
    }

    @Test
    void verifyNamesADeletedLastEvent() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db.toAbsolutePath(), "sa", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM events WHERE run_id = '" + chainRun + "' AND seq ="
                    + " (SELECT MAX(seq) FROM events WHERE run_id = '" + chainRun + "')");
        }
        Result broken = baton("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isOne();
        assertThat(broken.err()).contains("BROKEN run " + chainRun, "missing");
    }

    @Test
    void verifyNamesAnEventMovedToAnotherRunOrToNoRun() throws Exception {
        // the row keeps its key but claims another run: the key no longer matches its run and number
        editOneRowEach("UPDATE events SET run_id = '" + chainRun + "'"
                + " WHERE run_id = '" + swarmRun + "' AND seq = 2");
        Result moved = baton("audit", "verify", "--db", db.toString());
        assertThat(moved.code()).isOne();
        assertThat(moved.err()).contains("BROKEN run " + chainRun + " at event #2", "stored under key")
                .doesNotContain("Exception");
        editOneRowEach("UPDATE events SET run_id = 'run-ghost' WHERE run_id = '" + chainRun + "'"
                + " AND seq = 5");
        Result orphan = baton("audit", "verify", "--db", db.toString());
        assertThat(orphan.err()).contains("BROKEN run run-ghost at event #5", "no recorded run");
    }

    @Test
    void verifyNamesADerivedRowWithoutItsEvent() throws Exception {
        // a handoff row added by hand, at a number where the run has a different event
        editOneRowEach("INSERT INTO handoffs (run_id, seq, from_node, to_node, edge_id, reason,"
                + " context_mode, context, handoff_number) VALUES ('" + swarmRun + "', 1, 'triage', 'billing',"
                + " 'e1', 'forged', 'FULL', 'forged context', 99)");
        Result forged = baton("audit", "verify", "--db", db.toString());
        assertThat(forged.code()).isOne();
        assertThat(forged.err()).contains("BROKEN run " + swarmRun + " at event #1", "handoff row #1",
                "RunStarted event").doesNotContain("Exception");
    }

    @Test
    void verifyNamesAnEditedHandoffOrDecisionRow() throws Exception {
        // who it went to, and the context it passed: a long context is a text, so point at another text
        editOneRowEach("UPDATE handoffs SET to_node = 'legal', context_text = context_text + 1"
                + " WHERE run_id = '" + swarmRun + "' AND seq = (SELECT MIN(seq) FROM handoffs WHERE run_id = '"
                + swarmRun + "') AND context_text IS NOT NULL",
                "UPDATE decisions SET outcome = CASE outcome WHEN 'pass' THEN 'fail'"
                + " ELSE 'pass' END WHERE run_id = '" + chainRun + "' AND kind = 'CRITIC_VERDICT'"
                + " AND seq = (SELECT MIN(seq) FROM decisions WHERE run_id = '" + chainRun + "')");
        Result broken = baton("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isOne();
        assertThat(broken.err()).contains("BROKEN run " + swarmRun, "handoff row #",
                "does not match its Handoff event: to_node, context differ");
        assertThat(broken.err()).contains("BROKEN run " + chainRun, "decision row #",
                "does not match its CriticVerdict event: outcome differs").doesNotContain("Exception");
    }

    @Test
    void verifyNamesAnEditedModelCallRow() throws Exception {
        editOneRowEach("UPDATE model_calls SET output_tokens = output_tokens + 1000"
                + " WHERE run_id = '" + swarmRun + "' AND seq = (SELECT MIN(seq) FROM model_calls WHERE run_id"
                + " = '" + swarmRun + "')",
                "UPDATE model_calls SET cost_usd = 0.5 WHERE run_id = '" + chainRun + "'"
                + " AND seq = (SELECT MIN(seq) FROM model_calls WHERE run_id = '" + chainRun + "')");
        Result broken = baton("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isOne();
        assertThat(broken.err()).contains("model call row #", "output_tokens differs", "cost_usd differs")
                .contains(swarmRun, chainRun).doesNotContain("Exception");
    }

    @Test
    void verifyNamesAnEditedPrompt() throws Exception {
        // what the model was told: the customer's words in the first call's messages
        editOneRowEach("UPDATE model_calls SET prompt = REPLACE(prompt, 'charged twice',"
                + " 'charged once') WHERE run_id = '" + swarmRun + "' AND prompt LIKE '%charged twice%'"
                + " AND seq = (SELECT MIN(seq) FROM model_calls WHERE run_id = '" + swarmRun + "')");
        Result broken = baton("audit", "verify", "--db", db.toString());
        assertThat(broken.code()).isOne();
        assertThat(broken.err()).contains("BROKEN run " + swarmRun, "model call row #", "prompt differs")
                .doesNotContain(chainRun);
    }

    @Test
    void runningIntoAnOlderDatabaseSaysItIsUpgraded() throws Exception {
        Path old = dev.baton.audit.AuditV1Fixture.copyTo(dir.resolve("old"));
        String[] run = {"run", "sample-flows/chain-blog-article.json", "--input", "Write about tides", "--audit",
                old.toString()};
        Result first = baton(run);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).containsPattern("note: upgrading the audit database .*old\\.mv\\.db from schema"
                + " version 1 to \\d+ \\(once\\)");
        Result second = baton(run);
        assertThat(second.code()).isZero();
        assertThat(second.err()).doesNotContain("upgrading");
        assertThat(baton("audit", "verify", "--db", old.toString()).out()).contains("4 runs", "intact");
    }

    /** Runs each statement on the database; each must change exactly one row. */
    private void editOneRowEach(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db.toAbsolutePath(), "sa", "");
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                assertThat(s.executeUpdate(sql)).as(sql).isOne();
            }
        }
    }

    @Test
    void missingRunOrDatabaseIsOneLineAndExitOne() {
        Result noRun = baton("audit", "show", "run-nope", "--db", db.toString());
        assertThat(noRun.code()).isOne();
        assertThat(noRun.err()).contains("no run 'run-nope'");
        Path typo = dir.resolve("typo");
        Result noDb = baton("audit", "list", "--db", typo.toString());
        assertThat(noDb.code()).isOne();
        assertThat(noDb.err()).contains("no audit database at").doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve("typo.mv.db")).doesNotExist();
    }

    @Test
    void foreignAndNonH2FilesAreRefusedAndLeftAlone() throws Exception {
        Path foreign = dir.resolve("foreign");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + foreign.toAbsolutePath(), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100))");
            s.execute("INSERT INTO customers VALUES (1, 'Ada')");
        }
        byte[] before = Files.readAllBytes(dir.resolve("foreign.mv.db"));
        Result r = baton("audit", "list", "--db", foreign.toString());
        assertThat(r.code()).isEqualTo(dev.baton.cli.BatonCommand.AUDIT_UNUSABLE);
        assertThat(r.err()).contains("not a Baton audit database").doesNotContain("Exception");
        assertThatThrownByOpen(foreign, "Baton did not create");
        assertThat(Files.readAllBytes(dir.resolve("foreign.mv.db"))).isEqualTo(before);

        Path text = dir.resolve("notes.mv.db");
        Files.writeString(text, "just some notes, not a database\n");
        Result t = baton("audit", "verify", "--db", dir.resolve("notes").toString());
        assertThat(t.code()).isEqualTo(dev.baton.cli.BatonCommand.AUDIT_UNUSABLE);
        assertThat(t.err()).contains("not an H2 database");
        assertThatThrownByOpen(dir.resolve("notes"), "not an H2 database");
        assertThat(Files.readString(text)).isEqualTo("just some notes, not a database\n");
    }

    @Test
    void corruptFileIsReportedAndNeverOverwritten() throws Exception {
        byte[] original = Files.readAllBytes(dir.resolve("audit.mv.db"));
        byte[] damaged = original.clone();
        // keep H2's text header, wreck everything after the first block
        for (int i = 4096; i < damaged.length; i++) {
            damaged[i] = (byte) (i * 31);
        }
        Path corrupt = dir.resolve("corrupt.mv.db");
        Files.write(corrupt, damaged);
        Result r = baton("audit", "list", "--db", dir.resolve("corrupt").toString());
        assertThat(r.code()).isEqualTo(dev.baton.cli.BatonCommand.AUDIT_UNUSABLE);
        assertThat(r.err()).startsWith("baton audit list: ").doesNotContain("\tat ").hasLineCount(1);
        assertThat(Files.readAllBytes(corrupt)).isEqualTo(damaged);
    }

    private static void assertThatThrownByOpen(Path path, String message) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditWriter.open(path).close())
                .hasMessageContaining(message);
    }
}
