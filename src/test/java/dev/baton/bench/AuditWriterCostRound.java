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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One build's side of {@link AuditWriterCostSideBySide} (and the body of {@link AuditWriterCost}): real events of
 * 20-agent chains are recorded once, then replayed round by round into a fresh writer and database, in groups of runs
 * whose events interleave and that end together, each group waited for until it is committed (as the CLI waits).
 */
public final class AuditWriterCostRound {

    private static Flow flow;
    private static final List<List<RunEvent>> RECORDED = new ArrayList<>();

    private AuditWriterCostRound() {
    }

    /** Records {@code runs} runs of the 20-agent chain (once per class loader); returns their events in all. */
    public static long prepare(int runs) throws Exception {
        if (RECORDED.isEmpty()) {
            Class.forName("org.h2.Driver", true, AuditWriterCostRound.class.getClassLoader());
            flow = AuditCrashChild.longChain(20);
            FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT
                    .withLatency(Duration.ofMillis(1), 0)), RunnerOptions.DEFAULT);
            for (int i = 0; i < runs; i++) {
                EventRecorder rec = new EventRecorder();
                var h = runner.start(flow, RunRequest.of("Draft note " + i).withoutHumanInput(), rec);
                h.result().get(60, TimeUnit.SECONDS);
                h.awaitEventsDelivered(Duration.ofSeconds(10));
                RECORDED.add(List.copyOf(rec.events));
            }
        }
        return RECORDED.stream().mapToLong(List::size).sum();
    }

    /** The recorded events of the first run, by kind (for the report). */
    public static String kindsOfOneRun() {
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        RECORDED.get(0).forEach(e -> kinds.merge(e.type(), 1L, Long::sum));
        return kinds.toString();
    }

    /**
     * Writes every recorded run into a new database {@code db}; returns per run: the writer thread's CPU (µs), its
     * allocation (KB), the wall time from a group's last event to its commit (µs), and the file's size (KB).
     */
    public static double[] round(String db, int group) throws Exception {
        int runs = RECORDED.size();
        long cpu0;
        long bytes0;
        long waited = 0;
        double cpu;
        double kb;
        try (AuditWriter writer = AuditWriter.open(Path.of(db))) {
            System.gc();
            cpu0 = writerThread(false);
            bytes0 = writerThread(true);
            for (int i = 0; i < runs; i += group) {
                List<AuditListener> listeners = new ArrayList<>();
                int longest = 0;
                for (int k = i; k < Math.min(runs, i + group); k++) {
                    listeners.add(writer.listenerFor(flow));
                    longest = Math.max(longest, RECORDED.get(k).size());
                }
                // all but the last event first, so that the group's runs end together; interleaved event by event,
                // as runs in flight together hand them over
                for (int n = 0; n < longest - 1; n++) {
                    for (int k = i; k < Math.min(runs, i + group); k++) {
                        List<RunEvent> ev = RECORDED.get(k);
                        if (n < ev.size() - 1) {
                            listeners.get(k - i).onEvent(ev.get(n));
                        }
                    }
                }
                Thread.sleep(12); // the writer stages what it has (every 5 ms), as it does while runs go on
                long t0 = System.nanoTime();
                for (int k = i; k < Math.min(runs, i + group); k++) {
                    List<RunEvent> ev = RECORDED.get(k);
                    listeners.get(k - i).onEvent(ev.get(ev.size() - 1));
                }
                for (AuditListener l : listeners) {
                    if (!l.awaitCommitted(Duration.ofMinutes(1))) {
                        throw new IllegalStateException("not committed");
                    }
                }
                waited += System.nanoTime() - t0;
            }
            cpu = (writerThread(false) - cpu0) / 1e3 / runs;
            kb = (writerThread(true) - bytes0) / 1024.0 / runs;
        }
        // H2 appends every commit's pages: the file's growth is what the commits wrote
        double fileKb = Files.size(Path.of(db + ".mv.db")) / 1024.0 / runs;
        return new double[] {cpu, kb, waited / 1e3 / runs, fileKb};
    }

    /** CPU nanoseconds (or bytes allocated) of this process's audit writer threads. */
    private static long writerThread(boolean bytes) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("baton-audit-writer")) {
                total += Math.max(0, bytes ? mx.getThreadAllocatedBytes(info.getThreadId())
                        : mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
