package dev.baton.temporal;

import dev.baton.audit.AuditWriter;
import dev.baton.engine.HumanInputHandler;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunTotals;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.Flow;
import dev.baton.run.RemoteEngine;
import dev.baton.secret.Redactor;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Baton's {@link RemoteEngine} on a Temporal frontend: {@code baton run --engine temporal} and {@code baton worker}. */
public final class TemporalEngine implements RemoteEngine {

    /** How often a followed run's query is read while it runs. */
    private static final Duration FOLLOW_POLL = Duration.ofMillis(100);

    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final String target;
    private final String taskQueue;

    /** Connects to {@code target} (HOST:PORT); runs go to {@code taskQueue}. */
    public TemporalEngine(String target, String taskQueue) {
        this.target = target;
        this.taskQueue = taskQueue == null || taskQueue.isBlank() ? TemporalWorker.DEFAULT_TASK_QUEUE : taskQueue;
        this.service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(target).build());
        this.client = WorkflowClient.newInstance(service);
    }

    @Override
    public RunResult run(Flow flow, String input, HumanInputHandler questions, RunListener listener)
            throws InterruptedException {
        TemporalRuns runs = new TemporalRuns(client, taskQueue);
        String runId = TemporalRuns.newRunId();
        runs.start(runId, flow, input, questions != null);
        // Ctrl-C cancels the run; a frontend that is gone must not hold the exit for long
        Thread hook = new Thread(() -> {
            Thread cancel = new Thread(() -> {
                try {
                    runs.cancel(runId);
                } catch (RuntimeException e) {
                    // the frontend is gone: the run's deadline ends it
                }
            }, "baton-temporal-cancel-call");
            cancel.setDaemon(true);
            cancel.start();
            try {
                cancel.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "baton-temporal-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        RunTotals[] totals = {new RunTotals(0, 0, 0, 0)};
        Wire.RunOutcome outcome;
        try {
            outcome = followCancellingOnInterrupt(runs, runId, event -> {
                listener.onEvent(event);
                if (event instanceof RunEvent.HumanInputRequested asked && questions != null) {
                    try {
                        String answer = questions.answer(asked.requestId(), asked.nodeId(), asked.question(),
                                asked.context());
                        runs.answer(runId, asked.requestId(), answer);
                    } catch (Exception e) {
                        runs.cancel(runId);
                    }
                } else if (event instanceof RunEvent.RunFinished f) {
                    totals[0] = f.totals();
                } else if (event instanceof RunEvent.RunFailed f) {
                    totals[0] = f.totals();
                } else if (event instanceof RunEvent.RunCancelled c) {
                    totals[0] = c.totals();
                }
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: the run is being cancelled
            }
        }
        return new RunResult(outcome.runId(), RunStatus.valueOf(outcome.status()), outcome.output(),
                outcome.failedNode() == null ? "" : outcome.failedNode(),
                outcome.cause() == null ? "" : outcome.cause(), totals[0], List.of());
    }

    /**
     * Follows the run to its end. An interrupt of this thread (the designer's Stop) asks Temporal to cancel the run
     * and follows it on to its end, each event still handed on once; a second interrupt gives up following (the run
     * still ends on Temporal).
     */
    private static Wire.RunOutcome followCancellingOnInterrupt(TemporalRuns runs, String runId, RunListener listener)
            throws InterruptedException {
        long[] last = {0};
        // following again reads the events from the start: the ones already handed on are skipped
        RunListener once = event -> {
            if (event.seq() > last[0]) {
                last[0] = event.seq();
                listener.onEvent(event);
            }
        };
        try {
            return runs.follow(runId, once, FOLLOW_POLL);
        } catch (InterruptedException e) {
            // cancelled below
        } catch (RuntimeException e) {
            // an interrupt that arrived inside a call to Temporal surfaces as that call's failure
            if (!Thread.interrupted()) {
                throw e;
            }
        }
        runs.cancel(runId);
        return runs.follow(runId, once, FOLLOW_POLL);
    }

    @Override
    public void serve(ModelProvider models, AuditWriter audit, Redactor redactor) throws InterruptedException {
        WorkerFactory factory = TemporalWorker.start(client, taskQueue, new WorkerActivities(models, audit, redactor));
        try {
            Thread.currentThread().join(); // until interrupted
        } finally {
            factory.shutdown();
            factory.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        service.shutdown();
    }

    @Override
    public String toString() {
        return "Temporal at " + target + ", task queue " + taskQueue;
    }
}
