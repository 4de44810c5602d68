package dev.baton.bench;

import dev.baton.audit.AuditCrashChild;
import dev.baton.audit.AuditListener;
import dev.baton.audit.AuditWriter;
import dev.baton.engine.EventRecorder;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The audit writer's own cost per committed run, without the engine competing for the cores: real events of
 * 20-agent chains are recorded once, then fed to a fresh writer round by round, in groups of {@code group} runs that
 * end together (the last event 12 ms after the others), each group waited for until it is committed (as the CLI waits). Prints the medians of the
 * writer thread's CPU and of the wall time per run from the last event handed over to the commit. Being CPU time of
 * one thread, it moves far less with the machine's load than the benchmark's throughput ratios; run it for two
 * builds in turn to compare them:
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.bench.AuditWriterCost [runs] [rounds] [group]
 * }</pre>
 */
public final class AuditWriterCost {

    private AuditWriterCost() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int group = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Flow flow = AuditCrashChild.longChain(20);
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT
                .withLatency(Duration.ofMillis(1), 0)), RunnerOptions.DEFAULT);
        List<List<RunEvent>> recorded = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            EventRecorder rec = new EventRecorder();
            var h = runner.start(flow, RunRequest.of("Draft note " + i).withoutHumanInput(), rec);
            h.result().get(60, TimeUnit.SECONDS);
            h.awaitEventsDelivered(Duration.ofSeconds(10));
            recorded.add(List.copyOf(rec.events));
        }
        long events = recorded.stream().mapToLong(List::size).sum();
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        recorded.get(0).forEach(e -> kinds.merge(e.type(), 1L, Long::sum));
        System.out.println("events of one run by kind: " + kinds);
        Path dir = Files.createTempDirectory("baton-writer-cost");
        double[] cpu = new double[rounds];
        double[] wall = new double[rounds];
        double[] kb = new double[rounds];
        double[] fileKb = new double[rounds];
        for (int round = -1; round < rounds; round++) { // round -1 warms the JIT up
            try (AuditWriter writer = AuditWriter.open(dir.resolve("r" + round))) {
                System.gc();
                long cpu0 = writerCpu();
                long bytes0 = writerAllocated();
                long waited = 0;
                for (int i = 0; i < runs; i += group) {
                    List<AuditListener> listeners = new ArrayList<>();
                    for (int k = i; k < Math.min(runs, i + group); k++) {
                        AuditListener l = writer.listenerFor(flow);
                        listeners.add(l);
                        // all but the last event first, so that the group's runs end together
                        List<RunEvent> ev = recorded.get(k);
                        ev.subList(0, ev.size() - 1).forEach(l::onEvent);
                    }
                    Thread.sleep(12); // the writer stages what it has (every 5 ms), as it does while runs go on
                    long t0 = System.nanoTime();
                    for (int k = i; k < Math.min(runs, i + group); k++) {
                        List<RunEvent> ev = recorded.get(k);
                        listeners.get(k - i).onEvent(ev.get(ev.size() - 1));
                    }
                    for (AuditListener l : listeners) {
                        if (!l.awaitCommitted(Duration.ofMinutes(1))) {
                            throw new IllegalStateException("not committed");
                        }
                    }
                    waited += System.nanoTime() - t0;
                }
                if (round >= 0) {
                    cpu[round] = (writerCpu() - cpu0) / 1e3 / runs;
                    wall[round] = waited / 1e3 / runs;
                    kb[round] = (writerAllocated() - bytes0) / 1024.0 / runs;
                }
            }
            if (round >= 0) { // H2 appends every commit's pages: the file's growth is what the commits wrote
                fileKb[round] = Files.size(dir.resolve("r" + round + ".mv.db")) / 1024.0 / runs;
            }
        }
        System.out.printf(Locale.ROOT, "%d runs of %,d events, groups of %d: writer CPU %.0f us per run (rounds %s),"
                + " last event to commit %.0f us per run (rounds %s)%n", runs, events, group, median(cpu), fmt(cpu),
                median(wall), fmt(wall));
        System.out.printf(Locale.ROOT, "  writer allocated %.0f KB per run; file written %.1f KB per run%n",
                median(kb), median(fileKb));
        System.exit(0);
    }

    private static long writerCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("baton-audit-writer")) {
                total += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long writerAllocated() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("baton-audit-writer")) {
                total += Math.max(0, mx.getThreadAllocatedBytes(info.getThreadId()));
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

    private static String fmt(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return sb.toString();
    }
}
