package dev.baton.engine;

import dev.baton.engine.step.StepException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One timer for all of a runner's runs: every {@value #TICK_MS} ms while any run is active it ends runs past their
 * deadline and interrupts activations past their agent timeout. A run then costs no timer scheduling of its own,
 * and an idle runner schedules nothing. Timeouts are noticed at most one tick late.
 */
final class RunWatchdog {

    static final long TICK_MS = 10;

    private final ScheduledExecutorService timer;
    private final Set<ChainRun> runs = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();

    RunWatchdog(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    void register(ChainRun run) {
        runs.add(run);
        if (ticking.compareAndSet(false, true)) {
            timer.schedule(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
        }
    }

    void unregister(ChainRun run) {
        runs.remove(run);
    }

    private void tick() {
        long now = System.nanoTime();
        for (ChainRun run : runs) {
            try {
                run.checkTime(now);
            } catch (RuntimeException e) {
                // one run's fault must not stop the timer of every other run: end that run, keep ticking
                run.end(StepException.failed("", "internal error in the run's timer: " + e, e));
            }
        }
        ticking.set(false);
        // keep ticking while runs are active; a run registered meanwhile may have scheduled a tick itself
        if (!runs.isEmpty() && ticking.compareAndSet(false, true)) {
            timer.schedule(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
        }
    }
}
