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
            outcome = runs.follow(runId, event -> {
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
            }, Duration.ofMillis(100));
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
