package dev.baton.engine;

import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.Flow;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The embedded engine's entry point: starts runs of flows on injected executors and returns a handle at once.
 * Expects a flow the validator accepted; what it cannot run anyway ends the run as FAILED with the reason.
 */
public final class FlowRunner {

    private final ModelProvider provider;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final Executor listenerExecutor;
    private final RunnerOptions options;
    private volatile FlowPlan lastPlan;
    private final RunWatchdog watchdog;
    /** The runtime hosting this runner's runs, or null for the embedded engine's own threads and watchdog. */
    private final RunHost host;

    /**
     * @param executor         runs agent work; must not bound concurrency below the flow's parallelism (supervisors
     *                         block on their workers)
     * @param timer            fires agent timeouts and run deadlines
     * @param listenerExecutor delivers events to listeners
     */
    public FlowRunner(ModelProvider provider, Executor executor, ScheduledExecutorService timer,
                      Executor listenerExecutor, RunnerOptions options) {
        this.provider = provider;
        this.executor = executor;
        this.timer = timer;
        this.listenerExecutor = listenerExecutor;
        this.options = options;
        this.watchdog = new RunWatchdog(timer);
        this.host = null;
    }

    private FlowRunner(ModelProvider provider, Executor executor, RunnerOptions options, RunHost host) {
        this.provider = provider;
        this.executor = executor;
        this.timer = null;
        this.listenerExecutor = Runnable::run;
        this.options = options;
        this.watchdog = null;
        this.host = java.util.Objects.requireNonNull(host, "host");
    }

    /**
     * A runner inside another runtime (a Temporal workflow): branches and parallel workers go to {@code executor}
     * (the host's own threads), every wait goes through {@code host}, no watchdog runs (the host enforces the run
     * deadline and the agent timeouts) and a stopped run interrupts no thread. The same deciding code and events as the
     * embedded engine; listeners should be {@link RunListener.Inline} (they are called on the publishing thread).
     */
    public static FlowRunner hosted(ModelProvider provider, Executor executor, RunnerOptions options, RunHost host) {
        return new FlowRunner(provider, executor, options, host);
    }

    /**
     * Starts a run with the given id (a hosted run's id is the host's, e.g. the workflow id); never blocks. Listeners
     * receive every event in sequence order.
     */
    public RunHandle start(Flow flow, RunRequest request, String runId, RunListener... listeners) {
        return begin(flow, request, false, runId, listeners);
    }

    /** A runner on the shared default daemon executors. */
    public static FlowRunner create(ModelProvider provider, RunnerOptions options) {
        EngineThreads threads = EngineThreads.shared();
        return new FlowRunner(provider, threads.work, threads.timer, threads.listeners, options);
    }

    /** Starts a run; never blocks. Listeners receive every event in sequence order on listener threads. */
    public RunHandle start(Flow flow, RunRequest request, RunListener... listeners) {
        return begin(flow, request, false, listeners);
    }

    /**
     * Runs a flow and waits for its end: the chain runs on the calling thread until it branches (branches and workers
     * go to the executor as usual), which saves two thread hand-offs per run. For callers that would wait anyway.
     */
    public RunResult run(Flow flow, RunRequest request, RunListener... listeners) throws InterruptedException {
        RunHandle handle = begin(flow, request, true, listeners);
        try {
            return handle.result().get(Saturating.millis(flow.limits().runDeadline(), Duration.ofMinutes(1)),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            handle.cancel();
            throw new IllegalStateException("run " + handle.runId() + " did not end", e);
        }
    }

    private RunHandle begin(Flow flow, RunRequest request, boolean here, RunListener... listeners) {
        return begin(flow, request, here, newRunId(System.currentTimeMillis()), listeners);
    }

    private RunHandle begin(Flow flow, RunRequest request, boolean here, String runId, RunListener... listeners) {
        FlowPlan plan = lastPlan;
        if (plan == null || plan.flow != flow) {
            // flows are immutable: reruns of the same instance (the UI's run button, benchmarks) reuse the plan
            plan = new FlowPlan(flow);
            lastPlan = plan;
        }
        EventBus bus = new EventBus(options.clock(), listenerExecutor, Arrays.asList(listeners));
        RunContext context = new RunContext(runId, plan, request, options, provider, executor, timer, bus,
                host);
        ChainRun run = new ChainRun(context, plan, watchdog);
        run.start(plan.providers, plan.simulated, here);
        return run;
    }

    /**
     * "run-" and a version-7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids of later runs sort
     * after earlier ones, so every index keyed by run id (the audit database's) grows at its end instead of at random
     * places, which keeps each commit to a few pages.
     */
    static String newRunId(long epochMillis) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (rnd.nextLong() & 0x0FFFL);
        long low = rnd.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return "run-" + new UUID(high, low);
    }

    /** The distinct "provider/model" labels of the nodes that call a model, in node order. */
    public static List<String> providers(Flow flow) {
        return new FlowPlan(flow).providers;
    }
}
