package dev.baton.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Default executors for a runner: a cached pool for agent work (nested supervisors block on their workers, so a
 * bounded pool could starve), a cached pool for listener delivery, and one timer thread. All daemon threads.
 */
public final class EngineThreads {

    private static volatile EngineThreads shared;

    final ExecutorService work;
    final ExecutorService listeners;
    final ScheduledExecutorService timer;

    private EngineThreads() {
        work = Executors.newCachedThreadPool(daemon("baton-agent"));
        listeners = Executors.newCachedThreadPool(daemon("baton-listener"));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("baton-timer"));
        // every activation schedules its timeout and cancels it when done: drop cancelled ones at once
        t.setRemoveOnCancelPolicy(true);
        timer = t;
    }

    /** The process-wide defaults, created on first use. */
    public static EngineThreads shared() {
        EngineThreads s = shared;
        if (s == null) {
            synchronized (EngineThreads.class) {
                if (shared == null) {
                    shared = new EngineThreads();
                }
                s = shared;
            }
        }
        return s;
    }

    private static ThreadFactory daemon(String prefix) {
        ThreadFactory base = Executors.defaultThreadFactory();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = base.newThread(r);
            t.setDaemon(true);
            t.setName(prefix + "-" + n.incrementAndGet());
            return t;
        };
    }
}
