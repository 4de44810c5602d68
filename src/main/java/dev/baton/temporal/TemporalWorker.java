package dev.baton.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

import java.time.Duration;

/** Starts a Baton worker: the run workflow and the worker's activities on one task queue. */
public final class TemporalWorker {

    /** The task queue runs go to unless told otherwise. */
    public static final String DEFAULT_TASK_QUEUE = "baton";
    /**
     * The system property of the sticky queue's schedule-to-start timeout in seconds (default 5, Temporal's own).
     * A worker keeps the runs it served in memory and the server hands their next steps to that worker first; a real
     * server gives a step to any worker once the one that had the run leaves it waiting this long (it died), but
     * Temporal's test server never does, so a run whose worker died waits forever there: against the test server, 0
     * turns stickiness off (every step replays the run's history: slower, but any worker can take any step).
     */
    public static final String STICKY_SECONDS = "baton.temporal.stickySeconds";

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
                .setStickyQueueScheduleToStartTimeout(stickyTimeout())
                .build());
        worker.registerWorkflowImplementationTypes(BatonWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities, mcp);
        return worker;
    }

    /** {@link #STICKY_SECONDS}, 5 s unless set; zero turns stickiness off. */
    static Duration stickyTimeout() {
        String s = System.getProperty(STICKY_SECONDS);
        try {
            return Duration.ofSeconds(s == null ? 5 : Math.max(0, Long.parseLong(s.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(5);
        }
    }
}
