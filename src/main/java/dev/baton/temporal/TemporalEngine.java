package dev.baton.temporal;

import dev.baton.audit.AuditWriter;
import dev.baton.engine.HumanInputHandler;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.Flow;
import dev.baton.run.RemoteEngine;
import dev.baton.run.RemoteRequest;
import dev.baton.run.RemoteRun;
import dev.baton.secret.Redactor;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;

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
        return run(flow, RemoteRequest.of(input, questions), listener);
    }

    @Override
    public RemoteRun start(Flow flow, RemoteRequest request, RunListener listener) {
        return new FollowedRun(new TemporalRuns(client, taskQueue), TemporalRuns.newRunId(), flow, request, listener)
                .start();
    }

    @Override
    public RunResult run(Flow flow, RemoteRequest request, RunListener listener) throws InterruptedException {
        RemoteRun run = start(flow, request, listener);
        // Ctrl-C cancels the run; a frontend that is gone must not hold the exit for long
        Thread hook = new Thread(() -> {
            Thread cancel = new Thread(run::cancel, "baton-temporal-cancel-call");
            cancel.setDaemon(true);
            cancel.start();
            try {
                cancel.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "baton-temporal-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            // the caller's Stop (an interrupt) cancels the run on Temporal and follows it on to its end
            return RemoteRun.followToEnd(run);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: the run is being cancelled
            }
        }
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
