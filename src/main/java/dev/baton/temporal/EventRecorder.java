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
 * stored by one writer, which pairs them); a run that makes no model call for {@link #LINGER} (a person answers, a
 * tool runs) records them by an activity of its own; the run's end records the rest and waits until it is stored.
 * A worker's database skips what it holds and refuses a gap, so every event is stored once, in order, whichever
 * worker records it, after a crash or a replay too. Deterministic: it reads only the events and activity results.
 */
final class EventRecorder {

    /** The most events one activity carries (an activity's input has a size limit). */
    static final int MAX_PIECE = 400;
    /** How long recorded-as-you-go events wait for a model call to carry them before an activity of their own. */
    static final Duration LINGER = Duration.ofSeconds(2);

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
    /** The run's terminal event is kept: the run ends at once, and its end records the rest. */
    private boolean ending;
    private boolean ended;
    private Promise<Void> loop;

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
        ending |= e instanceof RunEvent.RunFinished || e instanceof RunEvent.RunFailed
                || e instanceof RunEvent.RunCancelled;
    }

    /** Starts recording as the run goes; in a scope of its own so that a cancelled run is recorded too. */
    void start() {
        Workflow.newDetachedCancellationScope(() -> loop = Async.procedure(this::recordAsItGoes)).run();
    }

    /** The run ended (every event is kept): records the rest and returns once a worker stored all of them. */
    void finish() {
        ended = true;
        Workflow.newDetachedCancellationScope(() -> loop.get()).run();
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

    private void recordAsItGoes() {
        BatonActivities activities = Workflow.newActivityStub(BatonActivities.class, RECORDING);
        while (true) {
            Workflow.await(() -> ended || quiet > carried);
            if (ending) {
                Workflow.await(() -> ended); // no timer for a run that is over
            }
            if (!ended && Workflow.await(LINGER, () -> ended || quiet <= carried)) {
                continue; // a model call carried them, or the run ended
            }
            if (ended) {
                break;
            }
            long to = Math.min(quiet, confirmed + MAX_PIECE);
            carried = Math.max(carried, to);
            store(activities, confirmed + 1, to);
        }
        while (confirmed < events.size()) {
            store(activities, confirmed + 1, Math.min(events.size(), confirmed + MAX_PIECE));
        }
    }

    /** Records events {@code from..to} by an activity and waits until they are stored. */
    private void store(BatonActivities activities, long from, long to) {
        long stored = activities.record(piece(from, to));
        confirmed = stored >= to ? Math.max(confirmed, stored) : stored; // below from - 1: send from there
        if (carried < confirmed) {
            carried = confirmed;
        }
    }

    private Wire.Recording piece(long from, long to) {
        List<String> wire = new ArrayList<>((int) (to - from + 1));
        for (long seq = from; seq <= to; seq++) {
            wire.add(WireEvents.encode(events.get((int) seq - 1)));
        }
        return new Wire.Recording(runId, from == 1 ? flowJson : null, wire);
    }
}
