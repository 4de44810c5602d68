package dev.baton.cli;

import dev.baton.audit.AuditCrashChild;
import dev.baton.audit.AuditStore;
import dev.baton.audit.AuditWriter;
import dev.baton.audit.H2AuditStore;
import dev.baton.testing.H2Holder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.baton.cli.AuditCommandTest.baton;
import static org.assertj.core.api.Assertions.assertThat;

/** Audit databases that are read-only, busy, changed, damaged, or left by a killed run (issue 12). */
class AuditHardeningTest {

    private static final String FLOW = Path.of("sample-flows", "chain-blog-article.json").toString();

    @TempDir
    Path dir;

    private AuditCommandTest.Result runInto(Path db, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", FLOW, "--input", "Heat pumps", "--no-input",
                "--audit", db.toString()));
        args.addAll(List.of(more));
        return baton(args.toArray(new String[0]));
    }

    /**
     * Whatever H2 and Baton create beside the database while runs are recorded and read back is owner-only: the
     * database and Baton's lock file (600), every folder created for it (700), and nothing else (H2's file lock is an
     * OS lock on the database itself, its trace file is off, and its temporary results go to java.io.tmpdir,
     * created 600 by {@code Files.createTempFile}).
     */
    @Test
    void everythingCreatedBesideTheDatabaseIsOwnerOnly() throws Exception {
        Path db = dir.resolve("a").resolve("b").resolve("audit");
        assertThat(runInto(db).code()).isZero();
        AuditCommandTest.Result second = runInto(db, "--events", dir.resolve("a").resolve("events.jsonl").toString());
        assertThat(second.code()).as(second.err()).isZero();
        String runId = second.err().replaceAll("(?s).*recorded as (\\S+).*", "$1");
        for (String[] read : List.of(new String[] {"audit", "list"}, new String[] {"audit", "show", runId},
                new String[] {"audit", "verify"})) {
            List<String> args = new java.util.ArrayList<>(List.of(read));
            args.addAll(List.of("--db", db.toString()));
            AuditCommandTest.Result r = baton(args.toArray(new String[0]));
            assertThat(r.code()).as(String.join(" ", read) + ": " + r.err()).isZero();
        }
        Path export = dir.resolve("a").resolve("run.json");
        assertThat(baton("audit", "export", runId, "--format", "json", "--output", export.toString(), "--db",
                db.toString()).code()).isZero();

        try (var files = Files.walk(dir.resolve("a"))) {
            for (Path p : files.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(mode).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
        try (var beside = Files.list(db.getParent())) {
            assertThat(beside.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("audit.baton-lock", "audit.mv.db");
        }
    }

    @Test
    void readOnlyDatabaseStopsTheRunWithOneLineBeforeItStarts() throws Exception {
        Path db = dir.resolve("audit");
        assertThat(runInto(db).code()).isZero();
        Path file = dir.resolve("audit.mv.db");
        byte[] before = Files.readAllBytes(file);
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "earlier events\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        boolean root = Files.isWritable(file); // root writes whatever the mode says: make the file immutable
        if (root) {
            assertThat(new ProcessBuilder("chattr", "+i", file.toString()).start().waitFor()).isZero();
        }
        try {
            AuditCommandTest.Result r = runInto(db, "--events", events.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(BatonCommand.AUDIT_UNUSABLE);
            assertThat(r.err()).contains("read-only").doesNotContain("\tat ").doesNotContain("SEVERE")
                    .hasLineCount(1);
            assertThat(r.out()).isEmpty();
            assertThat(Files.readString(events)).isEqualTo("earlier events\n");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        } finally {
            if (root) {
                new ProcessBuilder("chattr", "-i", file.toString()).start().waitFor();
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aChangedEndedAtOrTokenCountIsFoundByVerify() throws Exception {
        Path db = dir.resolve("audit");
        assertThat(runInto(db).code()).isZero();
        assertThat(baton("audit", "verify", "--db", db.toString()).code()).isZero();
        for (String change : List.of("ended_at = DATEADD(SECOND, 1, ended_at)", "output_tokens = output_tokens + 1",
                "status = 'FAILED'")) {
            Path copy = dir.resolve("copy" + Math.abs(change.hashCode()));
            Files.copy(dir.resolve("audit.mv.db"), dir.resolve(copy.getFileName() + ".mv.db"));
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + copy.toAbsolutePath(), "sa", "");
                 Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE runs SET " + change)).isOne();
            }
            AuditCommandTest.Result v = baton("audit", "verify", "--db", copy.toString());
            assertThat(v.code()).as(change + ": " + v.out()).isOne();
            assertThat(v.err()).as(change).contains("does not match its seal");
        }
    }

    @Test
    void aKilledRunReadsInterruptedWithItsTotalsWithoutWritingThenIsMarkedSo() throws Exception {
        Path db = dir.resolve("killed");
        Path log = dir.resolve("child.out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AuditCrashChild.class.getName(), db.toString())
                .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (committed(log) < 100 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path file = dir.resolve("killed.mv.db");
        byte[] before = Files.readAllBytes(file);

        AuditCommandTest.Result list = baton("audit", "list", "--db", db.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("INTERRUPTED").doesNotContain("RUNNING");
        String runId;
        long calls;
        long tokens;
        try (H2AuditStore store = H2AuditStore.open(db)) {
            AuditStore.RunSummary r = store.runs(new AuditStore.RunQuery(null, "INTERRUPTED", null, null), 0, 10)
                    .items().get(0);
            runId = r.runId();
            calls = store.modelCalls(runId).size();
            tokens = store.modelCalls(runId).stream().mapToLong(m -> (m.inputTokens() == null ? 0 : m.inputTokens()) + (m.outputTokens() == null ? 0 : m.outputTokens())).sum();
            assertThat(calls).isPositive();
            assertThat(r.modelCalls()).isEqualTo(calls);
            assertThat(r.inputTokens() + r.outputTokens()).isEqualTo(tokens).isPositive();
        }
        AuditCommandTest.Result show = baton("audit", "show", runId, "--db", db.toString());
        assertThat(show.out()).contains("INTERRUPTED");
        assertThat(Files.readAllBytes(file)).as("reading wrote nothing").isEqualTo(before);

        try (AuditWriter w = AuditWriter.open(db)) {
            assertThat(w.recoveredRuns()).containsExactly(runId);
        }
        try (Connection c = dev.baton.audit.AuditDatabase.openForReading(db); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT status, input_tokens + output_tokens, model_calls"
                     + " FROM runs WHERE run_id = '" + runId + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("INTERRUPTED");
            assertThat(rs.getLong(2)).isEqualTo(tokens);
            assertThat(rs.getLong(3)).isEqualTo(calls);
        }
        assertThat(baton("audit", "verify", "--db", db.toString()).code()).isZero();
    }

    private static long committed(Path log) throws java.io.IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        // the child prints "committed <seq>" after each commit: the highest sequence number on disk
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.matches("committed \\d+"))
                .mapToLong(l -> Long.parseLong(l.substring("committed ".length()))).max().orElse(0);
    }

    @Test
    void byteFlipsGiveOneLineAndARefusedFileIsNeverWritten() throws Exception {
        Path db = dir.resolve("audit");
        assertThat(runInto(db).code()).isZero();
        assertThat(runInto(db).code()).isZero();
        byte[] good = Files.readAllBytes(dir.resolve("audit.mv.db"));
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 24; i++) {
            byte[] bad = good.clone();
            int at = 4096 + random.nextInt(good.length - 4096);
            for (int k = 0; k < 8 && at + k < bad.length; k++) {
                bad[at + k] ^= (byte) (1 + random.nextInt(255));
            }
            Path flipped = dir.resolve("flip" + i);
            Path file = dir.resolve("flip" + i + ".mv.db");
            Files.write(file, bad);
            AuditCommandTest.Result verify = baton("audit", "verify", "--db", flipped.toString());
            AuditCommandTest.Result list = baton("audit", "list", "--db", flipped.toString());
            for (AuditCommandTest.Result r : List.of(verify, list)) {
                assertThat(r.err()).as("flip at %d", at).doesNotContain("\tat ").doesNotContain("Exception")
                        .doesNotContain("SQL statement");
                // one line; a file that reads but whose chain a flip broke lists each broken run, then the summary
                List<String> lines = r.err().lines().toList();
                if (r == verify && verify.code() == BatonCommand.INVALID) {
                    assertThat(lines.subList(0, lines.size() - 1)).as("flip at %d: %s", at, r.err())
                            .allMatch(l -> l.startsWith("BROKEN run "));
                    assertThat(lines.get(lines.size() - 1)).startsWith("verify failed: ");
                } else {
                    assertThat(lines.size()).as("flip at %d: %s", at, r.err()).isLessThanOrEqualTo(1);
                }
            }
            if (verify.code() == BatonCommand.AUDIT_UNUSABLE) {
                assertThat(verify.err()).as("flip at %d", at).contains("damaged");
                AuditCommandTest.Result run = runInto(flipped);
                assertThat(run.code()).as("flip at %d: %s", at, run.err()).isEqualTo(BatonCommand.AUDIT_UNUSABLE);
                assertThat(Files.readAllBytes(file)).as("flip at %d: never written", at).isEqualTo(bad);
            }
        }
    }

    /**
     * Flips aimed at the pages of every table, not only {@code runs}: just before a value the table alone holds (the
     * value's type and length, which H2 cannot read past when changed) and in the bytes around it. Whenever
     * {@code audit verify} calls such a file damaged, {@code run} refuses it too and leaves it byte for byte as it was
     * (before, run's open check read the runs table only and wrote into files whose other tables verify could not
     * read). The test also insists that some aimed flip outside the runs table made verify say damaged, so it
     * cannot pass by missing the pages it aims at.
     */
    @Test
    void aFlipInAnyTablesPagesThatVerifyCallsDamagedAlsoStopsRun() throws Exception {
        Path db = dir.resolve("audit");
        assertThat(runInto(db).code()).isZero();
        assertThat(runInto(db).code()).isZero();
        Path goodFile = dir.resolve("audit.mv.db");
        java.util.Map<String, String> markers = new java.util.LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db + ";ACCESS_MODE_DATA=r", "sa", "");
             Statement st = c.createStatement()) {
            for (String[] q : List.of(
                    new String[] {"events", "SELECT hash FROM events ORDER BY event_key DESC LIMIT 1 OFFSET 4"},
                    new String[] {"events payload", "SELECT payload FROM events ORDER BY event_key DESC LIMIT 1"},
                    new String[] {"text_chunks", "SELECT hash FROM text_chunks ORDER BY id DESC LIMIT 1"},
                    new String[] {"texts", "SELECT hash FROM texts ORDER BY id DESC LIMIT 1"},
                    new String[] {"model_calls", "SELECT prompt FROM model_calls ORDER BY run_id, seq LIMIT 1"},
                    new String[] {"handoffs", "SELECT COALESCE(reason, context, to_node) FROM handoffs"
                            + " ORDER BY run_id, seq LIMIT 1"},
                    new String[] {"flows", "SELECT flow_sha256 FROM flows LIMIT 1"},
                    new String[] {"runs", "SELECT run_id FROM runs LIMIT 1"})) {
                try (var rs = st.executeQuery(q[1])) {
                    if (rs.next() && rs.getString(1) != null) {
                        markers.put(q[0], rs.getString(1));
                    }
                }
            }
        }
        assertThat(markers).containsKeys("events", "text_chunks", "texts", "model_calls");
        byte[] good = Files.readAllBytes(goodFile);
        int damagedOutsideRuns = 0;
        int n = 0;
        for (var marker : markers.entrySet()) {
            byte[] value = marker.getValue().getBytes(StandardCharsets.UTF_8);
            int at = lastIndexOf(good, java.util.Arrays.copyOf(value, Math.min(value.length, 48)));
            if (at < 0) {
                continue;
            }
            // the value's type and length bytes, then a few bytes around its start
            for (int[] flip : List.of(new int[] {at - 1, 0x55}, new int[] {at - 2, 0x7f}, new int[] {at - 3, 0x3c},
                    new int[] {at - 6, 0xff}, new int[] {at - 12, 0x81})) {
                if (flip[0] < 4096) {
                    continue;
                }
                byte[] bad = good.clone();
                bad[flip[0]] ^= (byte) flip[1];
                String what = marker.getKey() + " flip at " + flip[0];
                if (checkFlip(bad, "aimed" + n++, what) && !marker.getKey().equals("runs")) {
                    damagedOutsideRuns++;
                }
            }
        }
        assertThat(damagedOutsideRuns).as("aimed flips outside the runs table that verify called damaged")
                .isPositive();
    }

    /** Writes {@code bad} as a database; true when verify calls it damaged (run then refused it, unchanged). */
    private boolean checkFlip(byte[] bad, String name, String what) throws Exception {
        Path flipped = dir.resolve(name);
        Path file = dir.resolve(name + ".mv.db");
        Files.write(file, bad);
        AuditCommandTest.Result verify = baton("audit", "verify", "--db", flipped.toString());
        assertThat(verify.err()).as(what).doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("SQL statement");
        if (verify.code() != BatonCommand.AUDIT_UNUSABLE) {
            return false; // intact, or rows it names as broken (one line each)
        }
        assertThat(verify.err()).as(what).contains("damaged").hasLineCount(1);
        AuditCommandTest.Result run = runInto(flipped);
        assertThat(run.code()).as("%s: verify said %s; run said %s", what, verify.err(), run.err())
                .isEqualTo(BatonCommand.AUDIT_UNUSABLE);
        assertThat(java.util.Arrays.equals(Files.readAllBytes(file), bad)).as("%s: never written", what).isTrue();
        return true;
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Another program (an H2 tool, an older Baton) holds the file: its own exit code, and --events is not touched. */
    @Test
    void aDatabaseHeldByAnotherProgramGetsTheBusyExitCodeAndLeavesEventsAlone() throws Exception {
        Path db = dir.resolve("audit");
        assertThat(runInto(db).code()).isZero();
        try (H2Holder holder = H2Holder.hold(db)) {
            Path events = dir.resolve("events.jsonl");
            Files.writeString(events, "earlier events\n");
            AuditCommandTest.Result r = runInto(db, "--events", events.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(BatonCommand.AUDIT_LOCKED);
            assertThat(r.err()).contains("locked").doesNotContain("\tat ").hasLineCount(1);
            assertThat(Files.readString(events)).isEqualTo("earlier events\n");
            AuditCommandTest.Result list = baton("audit", "list", "--db", db.toString());
            assertThat(list.code()).as(list.err()).isEqualTo(BatonCommand.AUDIT_LOCKED);
        }
    }
}
