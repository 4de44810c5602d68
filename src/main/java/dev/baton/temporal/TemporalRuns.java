package dev.baton.temporal;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts runs on Temporal and follows them: each run is one workflow whose id is the run id; its events come back
 * through the workflow's query, each once and in order.
 */
public final class TemporalRuns {

    /** The most events one query returns (a query's answer has a size limit). */
    static final int PAGE = 200;

    private final WorkflowClient client;
    private final String taskQueue;

    public TemporalRuns(WorkflowClient client, String taskQueue) {
        this.client = client;
        this.taskQueue = taskQueue;
    }

    /** A new run id, of the same shape as the embedded engine's. */
    public static String newRunId() {
        return "run-" + UUID.randomUUID();
    }

    /**
     * Starts {@code flow} (as it will run: prepared by the caller) on {@code input} as run {@code runId}. The
     * workflow's run timeout is the flow's run deadline plus a minute for recording its events.
     */
    public WorkflowStub start(String runId, Flow flow, String input, boolean humanInputAllowed) {
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(taskQueue)
                .setWorkflowRunTimeout(flow.limits().runDeadline().plus(Duration.ofMinutes(1)))
                .build();
        BatonWorkflow workflow = client.newWorkflowStub(BatonWorkflow.class, options);
        WorkflowClient.start(workflow::run, new Wire.RunInput(runId, FlowJson.write(flow), input,
                humanInputAllowed));
        return WorkflowStub.fromTyped(workflow);
    }

    /** The run's stub by its id. */
    public WorkflowStub stub(String runId) {
        return client.newUntypedWorkflowStub(runId);
    }

    /** Sends a person's answer to the run. */
    public void answer(String runId, String requestId, String text) {
        client.newWorkflowStub(BatonWorkflow.class, runId).answer(requestId, text);
    }

    /** Asks Temporal to cancel the run: it ends CANCELLED, its events recorded. */
    public void cancel(String runId) {
        stub(runId).cancel();
    }

    /** Events after {@code afterSeq}, as recorded by the workflow so far. */
    public List<RunEvent> events(String runId, long afterSeq) {
        List<String> page = client.newWorkflowStub(BatonWorkflow.class, runId).events(afterSeq, PAGE);
        return page.stream().map(WireEvents::decode).toList();
    }

    /**
     * Follows a run until it ends: hands each event to {@code listener} once, in order (polling the query every
     * {@code poll}), then returns the outcome.
     */
    public Wire.RunOutcome follow(String runId, RunListener listener, Duration poll) throws InterruptedException {
        CompletableFuture<Wire.RunOutcome> result = stub(runId).getResultAsync(Wire.RunOutcome.class);
        long seen = 0;
        while (true) {
            boolean done = result.isDone();
            List<RunEvent> page = done ? List.of() : events(runId, seen);
            for (RunEvent e : page) {
                listener.onEvent(e);
                seen = e.seq();
            }
            if (done) {
                break;
            }
            if (page.size() < PAGE) {
                try {
                    result.get(poll.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // not over yet, or over with a failure: the next round reads the rest
                }
            }
        }
        Wire.RunOutcome outcome = result.join();
        // a finished workflow still answers queries (from its history): the last events since the last poll
        List<RunEvent> rest;
        while (!(rest = events(runId, seen)).isEmpty()) {
            for (RunEvent e : rest) {
                listener.onEvent(e);
                seen = e.seq();
            }
        }
        return outcome;
    }
}
