package dev.baton.engine;

import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
    }

    /** A runner on the shared default daemon executors. */
    public static FlowRunner create(ModelProvider provider, RunnerOptions options) {
        EngineThreads threads = EngineThreads.shared();
        return new FlowRunner(provider, threads.work, threads.timer, threads.listeners, options);
    }

    /** Starts a run; never blocks. Listeners receive every event in sequence order on listener threads. */
    public RunHandle start(Flow flow, RunRequest request, RunListener... listeners) {
        String runId = "run-" + UUID.randomUUID();
        EventBus bus = new EventBus(options.clock(), listenerExecutor, Arrays.asList(listeners));
        RunContext context = new RunContext(runId, flow, request, options, provider, executor, timer, bus);
        ChainRun run = new ChainRun(context);
        run.start(providers(flow), allSimulated(flow));
        return run;
    }

    /** The distinct "provider/model" labels of the nodes that call a model, in node order. */
    public static List<String> providers(Flow flow) {
        Set<String> labels = new LinkedHashSet<>();
        for (AgentNode n : flow.nodes()) {
            if (n.kind().callsModel()) {
                labels.add(n.effectiveModel(flow.defaultModel()).label());
            }
        }
        return List.copyOf(labels);
    }

    private static boolean allSimulated(Flow flow) {
        return flow.nodes().stream().filter(n -> n.kind().callsModel())
                .map(n -> n.effectiveModel(flow.defaultModel())).allMatch(ModelRef::isSimulated);
    }
}
