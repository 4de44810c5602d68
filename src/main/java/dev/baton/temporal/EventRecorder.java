package dev.baton.temporal;

import dev.baton.engine.RunEvent;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Workflow code: records a run's events in the workers' audit databases while the run goes, so that {@code audit
 * list/show} show it RUNNING with its events so far. Each model call carries the events since the last ones a worker
 * confirmed stored, up to the last moment no model or tool call was pending (so that a call's request and reply are
 * stored by one writer, which pairs them); when the run asks a person (who may answer hours later) an activity of its
 * own records them at once; the run's end records the rest and waits until it is stored. No workflow thread or timer
 * of its own: a run costs no more workflow tasks than its calls.
 * A worker's database skips what it holds and refuses a gap, so every event is stored once, in order, whichever
 * worker records it, after a crash or a replay too. Deterministic: it reads only the events and activity results.
 */
final class EventRecorder {

    /** The most events one activity carries (an activity's input has a size limit). */
    static final int MAX_PIECE = 400;

    /** Recording waits for the audit writer's commit; it retries (and the database skips what it holds). */
    private static final ActivityOptions RECORDING = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1)).build())
            .build();

    private final String runId;
    private final String flowJson;
    /** The run's events in order (seq = index + 1), shared with the workflow's live query. */
    private final List<RunEvent> events;
    /** Model calls (by node) and tool calls (by node and call id) between their request and their end. */
    private final Set<String> pending = new HashSet<>();
    /** events[0, quiet) end at a moment no call was pending. */
    private int quiet;
    /** The last sequence number a worker said its database holds (events up to it need not be sent again). */
    private long confirmed;
    /** The last sequence number handed to an activity (answered or still going). */
    private long carried;
    private boolean ended;
    private BatonActivities activities;

    EventRecorder(String runId, String flowJson, List<RunEvent> events) {
        this.runId = runId;
        this.flowJson = flowJson;
        this.events = events;
    }

    /** Hears each event after the workflow kept it. */
    void onEvent(RunEvent e) {
        if (e instanceof RunEvent.ModelRequested) {
            pending.add("m\n" + e.nodeId());
        } else if (e instanceof RunEvent.ModelResponded || e instanceof RunEvent.AgentFailed) {
            pending.remove("m\n" + e.nodeId());
        } else if (e instanceof RunEvent.ToolCallRequested q) {
            pending.add("t\n" + q.nodeId() + "\n" + q.callId());
        } else if (e instanceof RunEvent.ToolCallFinished f) {
            pending.remove("t\n" + f.nodeId() + "\n" + f.callId());
        }
        if (pending.isEmpty()) {
            quiet = events.size();
        }
        if (asksAPerson(e)) {
            recordNow();
        }
    }

    /** A wait for a person (an answer, an approval, a breakpoint): nothing may carry the events for hours. */
    private static boolean asksAPerson(RunEvent e) {
        return e instanceof RunEvent.HumanInputRequested || e instanceof RunEvent.ToolApprovalRequested
                || e.getClass().getSimpleName().startsWith("Breakpoint");
    }

    /** Records what no call carried yet by an activity that runs beside the run (no thread: an async activity). */
    private void recordNow() {
        if (ended || quiet <= carried) {
            return;
        }
        long to = Math.min(quiet, confirmed + MAX_PIECE);
        carried = Math.max(carried, to);
        Promise<Long> stored = Async.function(activities()::record, piece(confirmed + 1, to));
        stored.handle((head, failure) -> {
            if (failure == null) {
                settle(head, to);
            } else {
                lost(); // the end records them
            }
            return null;
        });
    }

    /** The run ended (every event is kept): records the rest and returns once a worker stored all of them. */
    void finish() {
        ended = true;
        // detached: a cancelled run is recorded too
        Workflow.newDetachedCancellationScope(() -> {
            while (confirmed < events.size()) {
                long to = Math.min(events.size(), confirmed + MAX_PIECE);
                settle(activities().record(piece(confirmed + 1, to)), to);
            }
        }).run();
    }

    /** The piece a model call carries now, or null when there is nothing new to carry. */
    Wire.Recording piece() {
        if (ended || quiet <= carried) {
            return null;
        }
        long to = Math.min(quiet, confirmed + MAX_PIECE);
        carried = Math.max(carried, to);
        return piece(confirmed + 1, to);
    }

    /** A carrying call's answer: how far the worker's database holds the run (-1: it does not know yet). */
    void answered(long recorded) {
        if (recorded >= 0) {
            // lower than before when that database lacks events (another machine's file, or events lost with a
            // killed worker): the next piece starts after what it holds
            confirmed = recorded;
            carried = Math.max(carried, recorded);
        }
    }

    /** A carrying call failed: its events are sent again. */
    void lost() {
        carried = confirmed;
    }

    /** A recording's answer: the database holds the run through {@code head} (below the piece: send from there). */
    private void settle(long head, long to) {
        confirmed = head >= to ? Math.max(confirmed, head) : head;
        carried = Math.max(carried, confirmed);
    }

    private BatonActivities activities() {
        if (activities == null) {
            activities = Workflow.newActivityStub(BatonActivities.class, RECORDING);
        }
        return activities;
    }

    private Wire.Recording piece(long from, long to) {
        List<String> wire = new ArrayList<>((int) (to - from + 1));
        for (long seq = from; seq <= to; seq++) {
            wire.add(WireEvents.encode(events.get((int) seq - 1)));
        }
        return new Wire.Recording(runId, from == 1 ? flowJson : null, wire);
    }
}
