package dev.baton.temporal;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.engine.ToolApproval;
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
import java.util.function.Consumer;

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
        return start(runId, flow, input, humanInputAllowed, false, Wire.Breakpoints.NONE);
    }

    /**
     * As {@link #start(String, Flow, String, boolean)}; with {@code approvalsAnswered} a tool call whose policy is
     * ask waits for {@link #approveTool} (else it is denied at once), and the run stops at {@code breakpoints} until
     * {@link #resume}d.
     */
    public WorkflowStub start(String runId, Flow flow, String input, boolean humanInputAllowed,
                              boolean approvalsAnswered, Wire.Breakpoints breakpoints) {
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(taskQueue)
                .setWorkflowRunTimeout(flow.limits().runDeadline().plus(Duration.ofMinutes(1)))
                .build();
        BatonWorkflow workflow = client.newWorkflowStub(BatonWorkflow.class, options);
        WorkflowClient.start(workflow::run, new Wire.RunInput(runId, FlowJson.write(flow), input,
                humanInputAllowed, approvalsAnswered, breakpoints));
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

    /** Answers the tool call waiting for approval under {@code requestId}. */
    public void approveTool(String runId, String requestId, ToolApproval approval) {
        client.newWorkflowStub(BatonWorkflow.class, runId).approveTool(new Wire.Approval(requestId,
                approval.decision().word(), approval.by(), approval.reason(), approval.editedArguments()));
    }

    /** Lets the run go on from breakpoint {@code pauseId} (0: the oldest holding it), {@code text} null: unchanged. */
    public void resume(String runId, long pauseId, String text) {
        client.newWorkflowStub(BatonWorkflow.class, runId).resume(pauseId, text);
    }

    /** Replaces the run's breakpoints. */
    public void breakpoints(String runId, Wire.Breakpoints breakpoints) {
        client.newWorkflowStub(BatonWorkflow.class, runId).breakpoints(breakpoints);
    }

    /** Where the run is held now (breakpoints), oldest first. */
    public List<Wire.Pause> paused(String runId) {
        return client.newWorkflowStub(BatonWorkflow.class, runId).progress(Long.MAX_VALUE, 0).paused();
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
     * {@code poll}), then returns the outcome, which the run's terminal event also says. While no worker answers the
     * query (they are all busy or gone) the events wait; none is lost or repeated.
     */
    public Wire.RunOutcome follow(String runId, RunListener listener, Duration poll) throws InterruptedException {
        return follow(runId, listener, paused -> { }, poll);
    }

    /**
     * As {@link #follow(String, RunListener, Duration)}; after each poll {@code onPaused} hears where the run is held
     * (breakpoints; an empty list when nowhere), after the events that came before.
     */
    public Wire.RunOutcome follow(String runId, RunListener listener, Consumer<List<Wire.Pause>> onPaused,
                                  Duration poll) throws InterruptedException {
        CompletableFuture<Wire.RunOutcome> result = stub(runId).getResultAsync(Wire.RunOutcome.class);
        Seen seen = new Seen();
        while (!result.isDone()) {
            int got = drain(runId, listener, seen, onPaused);
            if (got < PAGE) {
                try {
                    result.get(poll.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // not over yet, or over with a failure (a cancelled run): the loop reads the rest
                }
            }
        }
        // a finished workflow still answers queries (replayed from its history): the events since the last poll
        while (drain(runId, listener, seen, paused -> { }) > 0) {
            // next page
        }
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            return outcomeOf(runId, seen.last, seen.seq, e.getCause());
        }
    }

    /** Hands the next page of events to {@code listener}; how many there were (0 when no worker answered). */
    private int drain(String runId, RunListener listener, Seen seen, Consumer<List<Wire.Pause>> onPaused) {
        Wire.Progress progress;
        try {
            progress = client.newWorkflowStub(BatonWorkflow.class, runId).progress(seen.seq, PAGE);
        } catch (io.temporal.client.WorkflowException e) {
            return 0;
        }
        for (String json : progress.events()) {
            RunEvent e = WireEvents.decode(json);
            listener.onEvent(e);
            seen.seq = e.seq();
            seen.last = e;
        }
        onPaused.accept(progress.paused() == null ? List.of() : progress.paused());
        return progress.events().size();
    }

    /** The last event handed on. */
    private static final class Seen {
        long seq;
        RunEvent last;
    }

    /** The outcome of a run whose workflow did not return one (cancelled): what its last event says. */
    private static Wire.RunOutcome outcomeOf(String runId, RunEvent end, long count, Throwable failure) {
        if (end instanceof RunEvent.RunCancelled c) {
            return new Wire.RunOutcome(runId, "CANCELLED", "", c.nodeId(), c.reason(), count);
        }
        if (end instanceof RunEvent.RunFailed f) {
            return new Wire.RunOutcome(runId, f.status().name(), "", f.nodeId(), f.cause(), count);
        }
        return new Wire.RunOutcome(runId, "FAILED", "", "", "the workflow ended without a result: "
                + reason(failure), count);
    }

    /** The workflow's own words when it failed itself (an ApplicationFailure), else the client's message. */
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.temporal.failure.ApplicationFailure app) {
                return app.getOriginalMessage();
            }
        }
        return failure == null ? "unknown" : failure.getMessage();
    }
}
