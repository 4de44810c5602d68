package dev.baton.bench;

import dev.baton.audit.AuditBenchAccess;
import dev.baton.audit.AuditCrashChild;
import dev.baton.audit.AuditException;
import dev.baton.audit.AuditListener;
import dev.baton.audit.AuditWriter;
import dev.baton.audit.SyntheticRuns;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Audit benchmark (not a unit test), two parts, each alternating its variants round by round in one JVM and
 * reporting medians:
 * <ol>
 *   <li>sustained events/s committed to a file database by the batching writer, fed straight from memory, for the
 *   old token-heavy mix and for FULL-context chains whose every output is new text; each also written with every
 *   text inline (schema version 1's form), with the database's bytes per event for both;</li>
 *   <li>engine throughput with audit on vs off at 1 ms simulated latency per model call (a 20-agent chain), for one
 *   and for four runs in flight; also the throughput when each group of runs waits until its events are committed
 *   (as the CLI does before it reports a run finished).</li>
 * </ol>
 * Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.baton.bench.AuditBenchmark} (add {@code -Dexec.args=--write-only} or {@code --engine-only}).
 */
public final class AuditBenchmark {

    private static final int WRITE_ROUNDS = 5;
    private static final int ENGINE_ROUNDS = Integer.getInteger("bench.rounds", 9);
    /** The engine's token-chunk window in the engine part, as a runner option (the shipped default unless set). */
    private static final Duration CHUNK_WINDOW = Duration.ofMillis(Long.getLong("bench.chunkWindowMillis",
            RunnerOptions.DEFAULT_TOKEN_CHUNK_WINDOW.toMillis()));
    /** True while runs are started in waves instead of lanes (see {@link #waves}). */
    private static boolean waves;

    /** One variant's result: committed events/s, the writer thread's CPU per event, database bytes per event. */
    private record Measured(double eventsPerSecond, double writerMicrosPerEvent, double bytesPerEvent,
                            long[] textCounts) {
    }

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("baton-audit-bench");
        List<String> flags = List.of(args);
        System.out.println("Audit benchmark, database files under " + dir + " (" + Runtime.getRuntime()
                .availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ")");
        if (!flags.contains("--engine-only")) {
            // 10 runs of 50,000 events: the old benchmark's mix
            writeMix(dir, "token-heavy mix", 10, r -> SyntheticRuns.tokenHeavy("run-th-" + r, 50_000));
            // 300 runs of a 20-agent FULL chain, 4 paragraphs per output: ~104,000 events per round
            writeMix(dir, "FULL-chain mix", 300, r -> SyntheticRuns.fullChain("run-fc-" + r, 20, 4, r));
        }
        if (!flags.contains("--write-only")) {
            engineRatio(dir);
        }
        System.exit(0);
    }

    /** Warm-up, then rounds alternating texts-by-hash (now) and inline (version 1's form); medians reported. */
    private static void writeMix(Path dir, String name, int runs, IntFunction<List<RunEvent>> run)
            throws Exception {
        List<List<RunEvent>> events = new ArrayList<>(runs);
        long count = 0;
        for (int r = 0; r < runs; r++) {
            events.add(run.apply(r));
            count += events.get(r).size();
        }
        System.out.printf(Locale.ROOT, "%n%s: %d runs, %,d events per round%n", name, runs, count);
        write(dir.resolve("warm-" + name.hashCode()), events, true); // JIT warm-up, not reported
        write(dir.resolve("warm-inline-" + name.hashCode()), events, false);
        double[] now = new double[WRITE_ROUNDS];
        double[] before = new double[WRITE_ROUNDS];
        double[] nowCpu = new double[WRITE_ROUNDS];
        double[] beforeCpu = new double[WRITE_ROUNDS];
        Measured last = null;
        Measured lastInline = null;
        for (int round = 0; round < WRITE_ROUNDS; round++) {
            last = write(dir.resolve("w" + round + "-" + name.hashCode()), events, true);
            lastInline = write(dir.resolve("wi" + round + "-" + name.hashCode()), events, false);
            now[round] = last.eventsPerSecond();
            before[round] = lastInline.eventsPerSecond();
            nowCpu[round] = last.writerMicrosPerEvent();
            beforeCpu[round] = lastInline.writerMicrosPerEvent();
            System.out.printf(Locale.ROOT, "  round %d: %,9.0f events/s texts by hash (writer %.1f us CPU/event),"
                    + " %,9.0f events/s inline (%.1f us)%n", round + 1, now[round], nowCpu[round], before[round],
                    beforeCpu[round]);
        }
        System.out.printf(Locale.ROOT, "  %s sustained write, median: %,.0f events/s (goal >= 100,000); inline"
                + " (version 1 form) %,.0f events/s%n", name, median(now), median(before));
        System.out.printf(Locale.ROOT, "  %s writer CPU, median: %.2f us/event = %,.0f events/s per core; inline"
                + " %.2f us/event%n", name, median(nowCpu), 1e6 / median(nowCpu), median(beforeCpu));
        System.out.printf(Locale.ROOT, "  %s database size: %,.0f bytes/event with texts by hash, %,.0f inline"
                        + " (%.1fx smaller); chunks written %,d, reused %,d, texts written %,d%n", name,
                last.bytesPerEvent(), lastInline.bytesPerEvent(), lastInline.bytesPerEvent() / last.bytesPerEvent(),
                last.textCounts()[0], last.textCounts()[1], last.textCounts()[2]);
    }

    /** Feeds every run's events into its listener, times until all are committed; measures the compacted file. */
    private static Measured write(Path db, List<List<RunEvent>> runs, boolean byHash) throws Exception {
        Flow flow = AuditCrashChild.longChain(3);
        long events = 0;
        double rate;
        double cpuPerEvent;
        long[] counts;
        try (AuditWriter writer = byHash ? AuditWriter.open(db) : AuditBenchAccess.openInline(db)) {
            List<AuditListener> listeners = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                listeners.add(writer.listenerFor(flow));
            }
            System.gc(); // the previous round's garbage is not this round's cost
            long cpu0 = writerCpuNanos();
            long t0 = System.nanoTime();
            for (int r = 0; r < runs.size(); r++) {
                AuditListener l = listeners.get(r);
                for (RunEvent e : runs.get(r)) {
                    l.onEvent(e);
                }
                events += runs.get(r).size();
            }
            awaitAll(listeners);
            rate = events / ((System.nanoTime() - t0) / 1e9);
            cpuPerEvent = (writerCpuNanos() - cpu0) / 1e3 / events;
            counts = AuditBenchAccess.textCounts(writer);
        }
        // H2 appends: a closed file still holds pages that later commits replaced; compacting leaves only live data
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db.toAbsolutePath(), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        long bytes = Files.size(db.resolveSibling(db.getFileName() + ".mv.db"));
        return new Measured(rate, cpuPerEvent, (double) bytes / events, counts);
    }

    /**
     * Runs of a 20-agent FULL chain at 1 ms per model call: audit off, on ("engine": a run counts when its result
     * is ready, the engine never waits on the disk) and on ("committed": also waits until its last event is on
     * disk, as the CLI does before it reports a run finished), side by side in each round, for 1 and 4 runs in
     * flight; each with the audit listener behind a listener thread and inline. The ratios are taken per round and
     * their median reported.
     */
    private static void engineRatio(Path dir) throws Exception {
        Flow flow = AuditCrashChild.longChain(20);
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT
                .withLatency(Duration.ofMillis(1), 0)), RunnerOptions.DEFAULT.withTokenChunkWindow(CHUNK_WINDOW));
        System.out.println("token chunks joined per " + CHUNK_WINDOW.toMillis() + " ms (-Dbench.chunkWindowMillis;"
                + " 0: every streamed chunk its own event)");
        boolean threads = Boolean.getBoolean("bench.threads");
        try (AuditWriter writer = AuditWriter.open(dir.resolve("engine"))) {
            batch(runner, flow, null, 1, 40, false); // warm-up
            batch(runner, flow, writer, 1, 40, true);
            if (threads) {
                threadCpu(runner, flow, writer);
            }
            for (int inFlight : new int[] {1, 4}) {
                engineRounds(runner, flow, writer, inFlight);
            }
            waves = true; // the older form of the measurement: a wave of runs, the next once all have ended
            engineRounds(runner, flow, writer, 4);
            waves = false;
        }
    }

    /**
     * With {@code -Dbench.threads=true}: CPU per run of every thread group (names without digits), audit off vs on,
     * to see where audit's cost lands (the writer, H2's own threads, the engine's listener threads, GC).
     */
    private static void threadCpu(FlowRunner runner, Flow flow, AuditWriter writer) throws Exception {
        for (AuditWriter w : new AuditWriter[] {null, writer, null, writer}) {
            java.util.Map<String, Long> before = cpuByThreadGroup();
            batch(runner, flow, w, 1, 80, false);
            java.util.Map<String, Long> after = cpuByThreadGroup();
            StringBuilder line = new StringBuilder(w == null ? "  audit off, ms CPU per run:"
                    : "  audit on,  ms CPU per run:");
            after.forEach((name, ns) -> {
                double ms = (ns - before.getOrDefault(name, 0L)) / 1e6 / 80;
                if (ms >= 0.05) {
                    line.append(String.format(Locale.ROOT, " %s=%.2f", name, ms));
                }
            });
            System.out.println(line);
        }
    }

    private static java.util.Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                String name = info.getThreadName().replaceAll("[0-9]+", "#");
                out.merge(name, Math.max(0, mx.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return out;
    }

    /**
     * {@link #ENGINE_ROUNDS} rounds, each: audit off, audit on, audit on and committed, side by side; the ratios are
     * taken per round and their medians printed.
     */
    private static void engineRounds(FlowRunner runner, Flow flow, AuditWriter writer, int inFlight)
            throws Exception {
        double[] off = new double[ENGINE_ROUNDS];
        double[] on = new double[ENGINE_ROUNDS];
        double[] committed = new double[ENGINE_ROUNDS];
        double[] onRatio = new double[ENGINE_ROUNDS];
        double[] committedRatio = new double[ENGINE_ROUNDS];
        long writerCpu = 0;
        long writerBytes = 0;
        long commits = 0;
        for (int round = 0; round < ENGINE_ROUNDS; round++) {
            off[round] = batch(runner, flow, null, inFlight, 40, false);
            long cpu0 = writerCpuNanos();
            long bytes0 = writerAllocatedBytes();
            long commits0 = AuditBenchAccess.commits(writer);
            on[round] = batch(runner, flow, writer, inFlight, 40, false);
            committed[round] = batch(runner, flow, writer, inFlight, 40, true);
            writerCpu += writerCpuNanos() - cpu0;
            writerBytes += writerAllocatedBytes() - bytes0;
            commits += AuditBenchAccess.commits(writer) - commits0;
            onRatio[round] = on[round] / off[round];
            committedRatio[round] = committed[round] / off[round];
        }
        double runs = ENGINE_ROUNDS * 80.0;
        System.out.printf(Locale.ROOT, "%d in flight%s, median of %d rounds: audit off %.1f runs/s, on %.1f runs/s"
                        + " (engine), on %.1f runs/s (committed); per run: writer CPU %.2f ms, writer allocated %.0f KB,"
                        + " %.2f commits%n", inFlight, waves ? " in waves" : "", ENGINE_ROUNDS, median(off), median(on), median(committed),
                writerCpu / 1e6 / runs, writerBytes / 1024.0 / runs, commits / runs);
        System.out.printf(Locale.ROOT, "  engine throughput audit on/off %.3f (goal >= 0.95; rounds %s)%n",
                median(onRatio), format(onRatio));
        System.out.printf(Locale.ROOT, "  committed/off %.3f (rounds %s)%n", median(committedRatio),
                format(committedRatio));
    }

    /**
     * Runs/s for {@code n} runs with {@code inFlight} lanes, each starting its next run as soon as its last one ended
     * (and, with {@code waitCommitted}, was committed), so that {@code inFlight} runs are in flight all the time.
     */
    private static double batch(FlowRunner runner, Flow flow, AuditWriter writer, int inFlight, int n,
                                boolean waitCommitted) throws Exception {
        if (waves) {
            return waves(runner, flow, writer, inFlight, n, waitCommitted);
        }
        List<AuditListener> all = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors.newFixedThreadPool(inFlight);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int lane = 0; lane < inFlight; lane++) {
            done.add(lanes.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    RunRequest req = RunRequest.of("Draft note " + i).withoutHumanInput();
                    AuditListener l = writer == null ? null : writer.listenerFor(flow);
                    RunHandle h = l == null ? runner.start(flow, req) : runner.start(flow, req, l);
                    h.result().get(60, TimeUnit.SECONDS);
                    if (l != null) {
                        all.add(l);
                        if (waitCommitted) {
                            awaitAll(List.of(l));
                        }
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        lanes.shutdown();
        awaitAll(all); // the next measurement starts with an idle writer
        return rate;
    }

    /** As {@link #batch}, in waves: {@code inFlight} runs started together, the next wave once all of them ended. */
    private static double waves(FlowRunner runner, Flow flow, AuditWriter writer, int inFlight, int n,
                                boolean waitCommitted) throws Exception {
        List<AuditListener> all = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int done = 0; done < n; done += inFlight) {
            List<RunHandle> handles = new ArrayList<>();
            List<AuditListener> listeners = new ArrayList<>();
            for (int i = 0; i < inFlight; i++) {
                RunRequest req = RunRequest.of("Draft note " + i).withoutHumanInput();
                if (writer == null) {
                    handles.add(runner.start(flow, req));
                } else {
                    AuditListener l = writer.listenerFor(flow);
                    listeners.add(l);
                    handles.add(runner.start(flow, req, l));
                }
            }
            for (RunHandle h : handles) {
                h.result().get(60, TimeUnit.SECONDS);
            }
            if (waitCommitted) {
                awaitAll(listeners);
            }
            all.addAll(listeners);
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        awaitAll(all);
        return rate;
    }

    private static void awaitAll(List<AuditListener> listeners) throws AuditException, InterruptedException {
        for (AuditListener l : listeners) {
            if (!l.awaitCommitted(Duration.ofMinutes(5))) {
                throw new IllegalStateException("not committed in time");
            }
        }
    }

    /**
     * CPU time of the writer thread: on a shared 2-core machine wall-clock rates move with whatever else runs, the
     * writer's own CPU per event much less.
     */
    private static long writerCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("baton-audit-writer")) {
                total += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** Bytes the writer thread allocated so far (what its share of the garbage collections follows). */
    private static long writerAllocatedBytes() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean sun)) {
            return 0;
        }
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("baton-audit-writer")) {
                total += Math.max(0, sun.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        return total;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return sb.toString();
    }
}
