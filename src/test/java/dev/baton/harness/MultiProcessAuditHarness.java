package dev.baton.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.audit.AuditDatabase;
import dev.baton.audit.AuditException;
import dev.baton.audit.AuditStore;
import dev.baton.audit.AuditWriter;
import dev.baton.audit.H2AuditStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs N lanes of {@code baton run} child processes (each a real JVM, M runs one after another per lane) into one
 * audit database, killing a share of them with SIGKILL mid-run, then reports what the database holds: runs started,
 * recorded, events in each completed run's {@code --events} file against its rows, the killed runs as INTERRUPTED with
 * their recorded totals (as read, and again after a writer marked them), and {@code audit verify}.
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.baton.harness.MultiProcessAuditHarness
 *     [-Dexec.args="LANES RUNS_PER_LANE KILL_SHARE"]</pre>
 */
public final class MultiProcessAuditHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one child did. */
    record Child(int lane, int index, boolean killed, int exitCode, Path events, Path stderr) {
    }

    /** The figures the harness reports; {@link #goalMet()} is the goal. */
    record Report(int started, int completed, int killed, Map<Integer, Integer> otherExits, int recorded,
                  int completedRecordedExactly, long eventLines, long eventRows, long rowsLost, int interruptedShown,
                  int interruptedMarked, List<String> interruptedTotals, boolean verifyIntact, String verifyText,
                  List<String> problems) {

        boolean goalMet() {
            return otherExits.isEmpty() && completedRecordedExactly == completed && rowsLost == 0
                    && recorded == started && interruptedShown == killed && interruptedMarked == killed
                    && verifyIntact && problems.isEmpty();
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "runs started: %d (completed %d, killed with SIGKILL %d, other exits %s)%n",
                    started, completed, killed, otherExits));
            sb.append(String.format(Locale.ROOT, "runs recorded: %d%n", recorded));
            sb.append(String.format(Locale.ROOT, "completed runs recorded exactly (every --events line a row): %d of %d%n",
                    completedRecordedExactly, completed));
            sb.append(String.format(Locale.ROOT, "events in the --events files of completed runs: %d, rows: %d, rows lost: %d%n",
                    eventLines, eventRows, rowsLost));
            sb.append(String.format(Locale.ROOT, "killed runs shown INTERRUPTED by audit list (file not written): %d of %d%n",
                    interruptedShown, killed));
            sb.append(String.format(Locale.ROOT, "killed runs marked INTERRUPTED by the next writer: %d of %d%n",
                    interruptedMarked, killed));
            interruptedTotals.forEach(t -> sb.append("  ").append(t).append(System.lineSeparator()));
            sb.append("audit verify: ").append(verifyText).append(System.lineSeparator());
            problems.forEach(p -> sb.append("problem: ").append(p).append(System.lineSeparator()));
            sb.append("goal met: ").append(goalMet()).append(System.lineSeparator());
            return sb.toString();
        }
    }

    private MultiProcessAuditHarness() {
    }

    public static void main(String[] args) throws Exception {
        int lanes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perLane = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        double killShare = args.length > 2 ? Double.parseDouble(args[2]) : 0.10;
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "harness-");
        long t0 = System.nanoTime();
        Report r = run(dir, lanes, perLane, killShare, 12);
        System.out.print(r.text());
        System.out.printf(Locale.ROOT, "(%d lanes x %d runs in %.0f s; files in %s)%n", lanes, perLane,
                (System.nanoTime() - t0) / 1e9, dir);
        System.exit(r.goalMet() ? 0 : 1);
    }

    /** Runs the lanes into {@code dir/audit} and reads the result. */
    static Report run(Path dir, int lanes, int perLane, double killShare, long seed) throws Exception {
        Path flow = Path.of("sample-flows", "chain-blog-article.json").toAbsolutePath();
        Path db = dir.resolve("audit");
        int total = lanes * perLane;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        Set<Integer> toKill = new HashSet<>(order.subList(0, (int) Math.round(total * killShare)));
        List<Child> children = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        List<Future<?>> lanesDone = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int l = lane;
            lanesDone.add(pool.submit(() -> {
                Random random = new Random(seed * 31 + l);
                for (int i = 0; i < perLane; i++) {
                    int n = l * perLane + i;
                    children.add(runChild(dir, db, flow, l, i, toKill.contains(n), random));
                }
                return null;
            }));
        }
        for (Future<?> f : lanesDone) {
            f.get();
        }
        pool.shutdown();
        return read(db, children);
    }

    private static Child runChild(Path dir, Path db, Path flow, int lane, int i, boolean kill, Random random)
            throws IOException, InterruptedException {
        Path events = dir.resolve("events-" + lane + "-" + i + ".jsonl");
        Path stderr = dir.resolve("stderr-" + lane + "-" + i + ".txt");
        List<String> cmd = List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.baton.app.Main", "run", flow.toString(),
                "--input", "Heat pumps, lane " + lane + " run " + i, "--no-input", "--audit", db.toString(),
                "--events", events.toString(), "--sim-latency", kill ? "1500" : "40",
                "--seed", String.valueOf(lane * 1000 + i));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        if (kill) {
            // mid-run: once the progress on stderr shows agents at work, a little later; a run to be killed takes
            // 1.5 s a model call, so on a fast machine it has not ended before the kill (at 40 ms it often had)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && System.nanoTime() < deadline && lines(stderr) < 3) {
                Thread.sleep(5);
            }
            Thread.sleep(200 + random.nextInt(300)); // past the writer's first commit (it lingers up to 100 ms)
            p.destroyForcibly(); // SIGKILL
        }
        boolean ended = p.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        return new Child(lane, i, kill && p.exitValue() == 137, p.exitValue(), events, stderr);
    }

    private static long lines(Path f) {
        try {
            return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Report read(Path db, List<Child> children) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> otherExits = new TreeMap<>();
        int completed = 0;
        int killed = 0;
        int exact = 0;
        long lines = 0;
        long rows = 0;
        long lost = 0;
        Set<String> completedIds = new HashSet<>();
        Map<String, Long> expectedEvents = new ConcurrentHashMap<>();
        for (Child c : children) {
            if (c.killed()) {
                killed++;
            } else if (c.exitCode() == 0) {
                completed++;
                List<String> ev = Files.readAllLines(c.events(), StandardCharsets.UTF_8);
                String runId = ev.isEmpty() ? null : JSON.readTree(ev.get(0)).path("runId").asText(null);
                if (runId == null) {
                    problems.add("lane " + c.lane() + " run " + c.index() + ": no run id in " + c.events());
                    continue;
                }
                completedIds.add(runId);
                expectedEvents.put(runId, (long) ev.size());
            } else {
                otherExits.merge(c.exitCode(), 1, Integer::sum);
                problems.add("lane " + c.lane() + " run " + c.index() + " exited " + c.exitCode() + ": "
                        + String.join(" | ", Files.readAllLines(c.stderr(), StandardCharsets.UTF_8)
                        .stream().filter(l -> l.startsWith("error") || l.startsWith("warning")).toList()));
            }
        }
        int recorded;
        int shown = 0;
        List<String> interruptedIds = new ArrayList<>();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            List<AuditStore.RunSummary> runs = allRuns(store);
            recorded = runs.size();
            for (AuditStore.RunSummary r : runs) {
                if (completedIds.contains(r.runId())) {
                    long want = expectedEvents.get(r.runId());
                    long have = store.events(r.runId()).size();
                    lines += want;
                    rows += have;
                    lost += Math.max(0, want - have);
                    if (want == have && r.lastSeq() == want && "SUCCEEDED".equals(r.status())) {
                        exact++;
                    } else {
                        problems.add(r.runId() + ": " + want + " event lines, " + have + " rows, status "
                                + r.status());
                    }
                } else if ("INTERRUPTED".equals(r.status())) {
                    shown++;
                    interruptedIds.add(r.runId());
                } else {
                    problems.add(r.runId() + " is neither a completed run nor INTERRUPTED: " + r.status());
                }
            }
            Set<String> seen = new HashSet<>();
            runs.forEach(r -> seen.add(r.runId()));
            for (String id : completedIds) {
                if (!seen.contains(id)) {
                    problems.add(id + " completed but is not recorded");
                    lost += expectedEvents.get(id);
                    lines += expectedEvents.get(id);
                }
            }
        }
        // the next writer marks them in the file (unless a later child's writer did already), with the same totals
        try (AuditWriter w = AuditWriter.open(db)) {
            w.database();
        }
        Map<String, String> inFile = new TreeMap<>();
        try (Connection c = AuditDatabase.openForReading(db);
             PreparedStatement ps = c.prepareStatement("SELECT run_id, status FROM runs");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                inFile.put(rs.getString(1), rs.getString(2));
            }
        }
        int marked = 0;
        List<String> totals = new ArrayList<>();
        boolean intact;
        String verifyText;
        try (H2AuditStore store = H2AuditStore.open(db)) {
            for (String id : interruptedIds) {
                AuditStore.RunSummary r = store.run(id).orElseThrow();
                List<AuditStore.ModelCallRecord> calls = store.modelCalls(id);
                double cost = calls.stream().filter(m -> m.costUsd() != null).mapToDouble(m -> m.costUsd()).sum();
                long tokens = calls.stream().mapToLong(m -> (m.inputTokens() == null ? 0 : m.inputTokens())
                        + (m.outputTokens() == null ? 0 : m.outputTokens())).sum();
                if ("INTERRUPTED".equals(inFile.get(id))) {
                    marked++;
                }
                if (r.inputTokens() + r.outputTokens() != tokens || r.modelCalls() != calls.size()) {
                    problems.add(id + ": totals " + (r.inputTokens() + r.outputTokens()) + " tokens / "
                            + r.modelCalls() + " calls, its model calls add up to " + tokens + " / " + calls.size());
                }
                totals.add(String.format(Locale.ROOT, "%s INTERRUPTED: %d events, %d tokens, %d calls, $%.6f",
                        id, r.lastSeq(), r.inputTokens() + r.outputTokens(), r.modelCalls(), cost));
            }
            AuditStore.VerifyReport v = store.verify();
            intact = v.intact();
            verifyText = (intact ? "intact" : "BROKEN " + v.breaks()) + " (" + v.runs() + " runs, " + v.events()
                    + " events)";
        }
        return new Report(children.size(), completed, killed, otherExits, recorded, exact, lines, rows, lost, shown,
                marked, totals, intact, verifyText, problems);
    }

    private static List<AuditStore.RunSummary> allRuns(H2AuditStore store) throws AuditException {
        List<AuditStore.RunSummary> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            AuditStore.Page<AuditStore.RunSummary> p = store.runs(new AuditStore.RunQuery(null, null, null, null),
                    page, 500);
            all.addAll(p.items());
            if (!p.hasMore()) {
                return all;
            }
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
