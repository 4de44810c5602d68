package dev.baton.bench;

import dev.baton.audit.AuditCrashChild;
import dev.baton.audit.AuditListener;
import dev.baton.audit.AuditWriter;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunTotals;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.SimulatedModel;
import dev.baton.engine.model.SimulatedProvider;
import dev.baton.flow.Flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Audit benchmark (not a unit test): (1) sustained events/s written to a file database through the batching writer,
 * (2) engine throughput with audit on vs off at 1 ms simulated latency per model call, alternated in one JVM.
 * Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.baton.bench.AuditBenchmark}.
 */
public final class AuditBenchmark {

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("baton-audit-bench");
        System.out.println("Audit benchmark, database files under " + dir);
        writeThroughput(dir.resolve("warmup"), 4, 25_000); // JIT warm-up, not reported
        double best = 0;
        for (int round = 1; round <= 3; round++) {
            double rate = writeThroughput(dir.resolve("write-" + round), 10, 50_000);
            best = Math.max(best, rate);
            System.out.printf(Locale.ROOT, "write round %d: %,.0f events/s committed%n", round, rate);
        }
        System.out.printf(Locale.ROOT, "sustained write: best %,.0f events/s (goal >= 100,000)%n", best);
        if (!List.of(args).contains("--write-only")) {
            engineRatio(dir);
        }
        System.exit(0);
    }

    /** Feeds {@code runs} × {@code perRun} events straight into audit listeners and times until all are committed. */
    private static double writeThroughput(Path db, int runs, int perRun) throws Exception {
        Flow flow = AuditCrashChild.longChain(3);
        try (AuditWriter writer = AuditWriter.open(db)) {
            List<AuditListener> listeners = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                listeners.add(writer.listenerFor(flow));
            }
            long t0 = System.nanoTime();
            for (int r = 0; r < runs; r++) {
                String runId = "run-bench-" + r;
                AuditListener l = listeners.get(r);
                Instant now = Instant.now();
                l.onEvent(new RunEvent.RunStarted(runId, 1, now, "", "", flow.id(), flow.name(), "input", true,
                        List.of("simulated/sim-1")));
                for (long seq = 2; seq < perRun; seq++) {
                    l.onEvent(syntheticEvent(runId, seq, now));
                }
                l.onEvent(new RunEvent.RunFinished(runId, perRun, now, "out", "", "done",
                        new RunTotals(1, 1, 1, 1)));
            }
            for (int r = 0; r < runs; r++) {
                if (!writer.awaitCommitted("run-bench-" + r, Duration.ofMinutes(5))) {
                    throw new IllegalStateException("not committed in time");
                }
            }
            long ns = System.nanoTime() - t0;
            return (double) runs * perRun / (ns / 1e9);
        }
    }

    /** A mix shaped like a streaming run: mostly token chunks, some agent and model events. */
    private static RunEvent syntheticEvent(String runId, long seq, Instant t) {
        String node = "agent-" + (seq / 50 % 3 + 1);
        return switch ((int) (seq % 10)) {
            case 0 -> new RunEvent.AgentStarted(runId, seq, t, node, "e1", "AGENT", "Agent", "some input text", 1);
            case 1 -> new RunEvent.ModelRequested(runId, seq, t, node, "", 2, List.of(), 1, List.of());
            case 9 -> new RunEvent.ModelResponded(runId, seq, t, node, "", 120, 80, false, 1, "simulated", "sim-1",
                    true, List.of(), "the reply", 0.0);
            default -> new RunEvent.TokenChunk(runId, seq, t, node, "", "a streamed line of about forty chars\n");
        };
    }

    /**
     * Runs of a 20-agent chain at 1 ms per model call, audit off vs on, alternating rounds, for 1 and 4 runs in
     * flight. "engine" counts a run when its result is ready (the engine never waits on the disk); "committed"
     * also waits until its last event is on disk, as the CLI does before it reports a run finished.
     */
    private static void engineRatio(Path dir) throws Exception {
        Flow flow = AuditCrashChild.longChain(20);
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT
                .withLatency(Duration.ofMillis(1), 0)), RunnerOptions.DEFAULT);
        try (AuditWriter writer = AuditWriter.open(dir.resolve("engine"))) {
            batch(runner, flow, null, 1, 40, false); // warm-up
            batch(runner, flow, writer, 1, 40, true);
            for (int inFlight : new int[] {1, 4}) {
                double off = 0;
                double on = 0;
                double onCommitted = 0;
                for (int round = 1; round <= 5; round++) {
                    off += batch(runner, flow, null, inFlight, 40, false);
                    on += batch(runner, flow, writer, inFlight, 40, false);
                    onCommitted += batch(runner, flow, writer, inFlight, 40, true);
                }
                System.out.printf(Locale.ROOT, "%d in flight: audit off %.1f runs/s, on %.1f runs/s (engine),"
                        + " on %.1f runs/s (committed)%n", inFlight, off / 5, on / 5, onCommitted / 5);
                System.out.printf(Locale.ROOT, "%d in flight: engine throughput audit on/off %.3f, committed/off"
                        + " %.3f (goal >= 0.95)%n", inFlight, on / off, onCommitted / off);
            }
        }
    }

    /** Runs/s for {@code n} runs, {@code inFlight} at a time. */
    private static double batch(FlowRunner runner, Flow flow, AuditWriter writer, int inFlight, int n,
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
        awaitAll(all); // the next measurement starts with an idle writer
        return rate;
    }

    private static void awaitAll(List<AuditListener> listeners) throws Exception {
        for (AuditListener l : listeners) {
            if (!l.awaitCommitted(Duration.ofSeconds(60))) {
                throw new IllegalStateException("not committed in time");
            }
        }
    }
}
