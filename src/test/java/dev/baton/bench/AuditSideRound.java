package dev.baton.bench;

import dev.baton.audit.AuditBenchAccess;
import dev.baton.audit.AuditCrashChild;
import dev.baton.audit.AuditListener;
import dev.baton.audit.AuditWriter;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One build's side of {@link AuditBuildsSideBySide}: loaded once per build in that build's own class loader, it runs
 * rounds of 20-agent chains (1 ms per model call) in lanes, with or without audit, as {@link AuditBenchmark} does.
 */
public final class AuditSideRound {

    private static FlowRunner runner;
    private static Flow flow;
    private static AuditWriter writer;

    private AuditSideRound() {
    }

    /**
     * One round; returns runs/s, the writer's ms CPU per run, its KB allocated per run and commits per run.
     * {@code committed}: each lane waits until its run is on disk before it starts the next (as the CLI does).
     */
    public static double[] round(int lanes, int runs, boolean audit, boolean committed, String dir) throws Exception {
        if (runner == null) {
            // DriverManager hands a caller only drivers of its own class loader: register this build's H2
            Class.forName("org.h2.Driver", true, AuditSideRound.class.getClassLoader());
            flow = AuditCrashChild.longChain(20);
            runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT
                    .withLatency(Duration.ofMillis(1), 0)), RunnerOptions.DEFAULT);
            writer = AuditWriter.open(Path.of(dir).resolve("audit"));
        }
        List<AuditListener> all = Collections.synchronizedList(new ArrayList<>());
        long cpu0 = writerThreads(false);
        long bytes0 = writerThreads(true);
        long commits0 = AuditBenchAccess.commits(writer);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int lane = 0; lane < lanes; lane++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < runs; ) {
                    RunRequest req = RunRequest.of("Draft note " + i).withoutHumanInput();
                    if (!audit) {
                        runner.start(flow, req).result().get(60, TimeUnit.SECONDS);
                        continue;
                    }
                    AuditListener l = writer.listenerFor(flow);
                    all.add(l);
                    runner.start(flow, req, l).result().get(60, TimeUnit.SECONDS);
                    if (committed) {
                        l.awaitCommitted(Duration.ofMinutes(1));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double rate = runs / ((System.nanoTime() - t0) / 1e9);
        pool.shutdown();
        for (AuditListener l : all) {
            l.awaitCommitted(Duration.ofMinutes(1)); // the next round starts with an idle writer
        }
        return new double[] {rate, (writerThreads(false) - cpu0) / 1e6 / runs,
            (writerThreads(true) - bytes0) / 1024.0 / runs, (AuditBenchAccess.commits(writer) - commits0) / (double) runs};
    }

    /** CPU nanoseconds (or bytes allocated) of the writer threads; the other build's writer idles meanwhile. */
    private static long writerThreads(boolean bytes) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
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
