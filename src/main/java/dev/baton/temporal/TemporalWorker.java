package dev.baton.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/** Starts a Baton worker: the run workflow and the worker's activities on one task queue. */
public final class TemporalWorker {

    /** The task queue runs go to unless told otherwise. */
    public static final String DEFAULT_TASK_QUEUE = "baton";

    private TemporalWorker() {
    }

    /**
     * Registers the workflow and {@code activities} on {@code taskQueue} in a new worker factory of {@code client}
     * and starts it; shut the factory down to stop the worker.
     */
    public static WorkerFactory start(WorkflowClient client, String taskQueue, BatonActivities activities) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        register(factory, taskQueue, activities);
        factory.start();
        return factory;
    }

    /** Registers the workflow and {@code activities} on {@code taskQueue} in {@code factory} (not started). */
    public static Worker register(WorkerFactory factory, String taskQueue, BatonActivities activities) {
        return register(factory, taskQueue, activities, WorkerMcp.fromEnvironment());
    }

    /** As {@link #register(WorkerFactory, String, BatonActivities)}, with {@code mcp} serving the runs' MCP servers. */
    public static Worker register(WorkerFactory factory, String taskQueue, BatonActivities activities,
                                  McpActivities mcp) {
        // the first workflow task loads the flow parser, the engine and the schema validator: on a loaded machine
        // that takes longer than Temporal's 1 s deadlock detection expects of workflow code
        Worker worker = factory.newWorker(taskQueue, WorkerOptions.newBuilder()
                .setDefaultDeadlockDetectionTimeout(30_000)
                .build());
        worker.registerWorkflowImplementationTypes(BatonWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities, mcp);
        return worker;
    }
}
