package dev.baton.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunGate;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunTotals;
import dev.baton.engine.ToolApproval;
import dev.baton.flow.Flow;
import dev.baton.secret.SafeText;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A run on Temporal ({@link RemoteEngine}) followed from this process as a {@link RunHandle}, so that a front end shows
 * it as it shows a local run: its events reach the listeners once, in order; a person's questions wait for
 * {@link #answer}; {@link #cancel} is Temporal's cancellation. Nothing is recorded here (the worker that ends the run
 * records it). Every wait is bounded: a frontend that is down is said within {@link #REACH_LIMIT}.
 */
public final class RemoteRunSession implements RunHandle {

    /** How long a connection to the frontend may take before it counts as unreachable. */
    static final Duration REACH_LIMIT = Duration.ofSeconds(5);
    /**
     * With no event after this long, the notices say that the run waits for a worker (not sooner: a designer's first
     * run on Temporal loads the client and can take 10–15 s to show its first events on a busy machine).
     */
    static final Duration QUIET_NOTE = Duration.ofSeconds(30);
    /** How long Stop waits for Temporal to confirm the cancellation before the run ends here anyway. */
    static final Duration CANCEL_LIMIT = Duration.ofSeconds(30);

    /** One timer thread for the notes and limits of every remote run of the process. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "baton-remote-run-timer");
        t.setDaemon(true);
        return t;
    });

    private final TemporalTarget target;
    private final List<RunListener> listeners;
    private final Consumer<String> notices;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    /** Questions announced by their event, answered by {@link #answer} (possibly before the engine asks). */
    private final Map<String, CompletableFuture<String>> questions = new ConcurrentHashMap<>();
    private final Set<RunListener> failedListeners = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> listenerFailures = Collections.synchronizedList(new ArrayList<>());
    private final Thread follower;
    private volatile String runId = "";
    private volatile RunEvent last;
    private volatile boolean cancelRequested;
    /** Answers approvals and holds breakpoints as for a local run (the designer's gate), null: none. */
    private final RunGate gate;
    /** Where the run stops: given with it, then sent again when changed. */
    private volatile Set<String> stopNodes;
    private volatile Set<String> stopHandoffs;
    /** The run on Temporal once it was sent there. */
    private volatile RemoteRun remote;
    private long inputTokens;
    private long outputTokens;
    private int modelCalls;

    private RemoteRunSession(TemporalTarget target, Consumer<String> notices, List<RunListener> listeners, Flow flow,
                             String input, boolean humanInputAllowed, RunGate gate, Set<String> stopNodes,
                             Set<String> stopHandoffs) {
        this.target = target;
        this.gate = gate;
        this.stopNodes = Set.copyOf(stopNodes);
        this.stopHandoffs = Set.copyOf(stopHandoffs);
        this.notices = notices;
        this.listeners = List.copyOf(listeners);
        this.follower = new Thread(() -> follow(flow, input, humanInputAllowed), "baton-remote-run");
        follower.setDaemon(true);
    }

    /**
     * Starts {@code flow} (made as it will run: {@link RunService#prepare}) on Temporal at {@code target} and follows
     * it on a thread of its own; returns at once. A frontend that cannot be reached, or a jar without Temporal, ends
     * the handle's {@link #result} exceptionally with one line and no event; a run lost after it started ends with a
     * {@code RunFailed} event saying so (shown, not recorded).
     *
     * @throws LaunchRefused with an INVALID_OPTION problem when the options do not fit the flow
     */
    public static AuditedRun onTemporal(TemporalTarget target, Flow flow, String input, RunOptions options,
                                        List<RunListener> listeners) throws LaunchRefused {
        return onTemporal(target, flow, input, options, listeners, Set.of(), Set.of());
    }

    /**
     * As {@link #onTemporal(TemporalTarget, Flow, String, RunOptions, List)}, stopping before the nodes
     * {@code stopNodes} and the HANDOFF edges {@code stopHandoffs}: the options' gate holds each stop (and answers
     * tool approvals, or leaves them to {@link #approveTool}) as it does for a local run.
     */
    public static AuditedRun onTemporal(TemporalTarget target, Flow flow, String input, RunOptions options,
                                        List<RunListener> listeners, Set<String> stopNodes,
                                        Set<String> stopHandoffs) throws LaunchRefused {
        Flow prepared;
        try {
            prepared = RunService.prepare(flow, options);
        } catch (IllegalArgumentException e) {
            throw new LaunchRefused(new RunProblem(RunProblem.Kind.INVALID_OPTION,
                    SafeText.escapeControls(e.getMessage())), e);
        }
        RemoteRunSession run = new RemoteRunSession(target, options.notices(), listeners, prepared, input,
                options.humanInputAllowed(), options.gate(), stopNodes, stopHandoffs);
        run.follower.start();
        TIMER.schedule(run::quiet, QUIET_NOTE.toMillis(), TimeUnit.MILLISECONDS);
        return new AuditedRun(run, null, null, null, null, null);
    }

    private void follow(Flow flow, String input, boolean humanInputAllowed) {
        try {
            String unreachable = target.unreachable(REACH_LIMIT);
            if (unreachable != null) {
                throw new IllegalStateException(target.describe() + " cannot be reached: " + unreachable);
            }
            RunResult r;
            try (RemoteEngine engine = RemoteEngine.temporal(target.hostPort(), target.taskQueue())) {
                if (cancelRequested) {
                    result.completeExceptionally(new IllegalStateException("stopped before the run was sent to "
                            + target.describe()));
                    return;
                }
                RemoteRequest request = new RemoteRequest(input, humanInputAllowed ? this::ask : null,
                        humanInputAllowed, gate, stopNodes, stopHandoffs);
                Set<String> sentNodes = request.breakpointNodes();
                Set<String> sentHandoffs = request.breakpointHandoffs();
                RemoteRun started = engine.start(flow, request, this::handOn);
                remote = started;
                if (!sentNodes.equals(stopNodes) || !sentHandoffs.equals(stopHandoffs)) {
                    breakpoints(stopNodes, stopHandoffs); // toggled while the run was being sent
                }
                r = RemoteRun.followToEnd(started);
            }
            notices.accept("audit: recorded by the worker that ended it, as " + r.runId());
            result.complete(r);
        } catch (InterruptedException e) {
            // the second interrupt of a Stop: Temporal did not confirm the cancellation in time
            endHere(RunStatus.CANCELLED, "stopped here; " + target.describe() + " did not confirm the cancellation"
                    + " within " + CANCEL_LIMIT.toSeconds() + " s (it ends there once a worker takes it)");
        } catch (RuntimeException e) {
            String why = oneLine(e);
            if (last == null) {
                result.completeExceptionally(new IllegalStateException(cancelRequested
                        ? "stopped before the run started on " + target.describe() : why));
            } else {
                endHere(RunStatus.FAILED, "lost " + target.describe() + ": " + why);
            }
        } catch (Error e) {
            result.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Where the run stops from now on (the designer's breakpoints toggled during it); sent to Temporal off the
     * caller's thread, a failure to send said in the notices.
     */
    public void breakpoints(Set<String> nodes, Set<String> handoffs) {
        stopNodes = Set.copyOf(nodes);
        stopHandoffs = Set.copyOf(handoffs);
        RemoteRun r = remote;
        if (r == null || result.isDone()) {
            return; // sent with the run when it starts
        }
        Set<String> n = stopNodes;
        Set<String> h = stopHandoffs;
        TIMER.execute(() -> {
            try {
                r.breakpoints(n, h);
            } catch (RuntimeException e) {
                notices.accept("breakpoints not sent to " + target.describe() + ": " + oneLine(e));
            }
        });
    }

    /** A tool call waiting for approval on Temporal: the answer goes there. */
    @Override
    public boolean approveTool(String requestId, ToolApproval approval) {
        RemoteRun r = remote;
        return r != null && r.approveTool(requestId, approval);
    }

    /** The engine's event: kept for the handle, then handed to each listener (one that throws is reported once). */
    private void handOn(RunEvent event) {
        if (last == null) {
            runId = event.runId();
        }
        last = event;
        if (event instanceof RunEvent.HumanInputRequested asked) {
            questions.putIfAbsent(asked.requestId(), new CompletableFuture<>());
        } else if (event instanceof RunEvent.ModelResponded m) {
            inputTokens += m.inputTokens();
            outputTokens += m.outputTokens();
            modelCalls++;
        }
        for (RunListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                synchronized (failedListeners) {
                    if (failedListeners.add(l)) {
                        listenerFailures.add(l.getClass().getSimpleName() + ": " + oneLine(e));
                    }
                }
            }
        }
    }

    /** The engine asks a person: waits (as long as the run does) for {@link #answer}; an interrupt cancels the run. */
    private String ask(String requestId, String nodeId, String question, String context) throws Exception {
        CompletableFuture<String> answer = questions.computeIfAbsent(requestId, id -> new CompletableFuture<>());
        try {
            return answer.get();
        } finally {
            questions.remove(requestId);
        }
    }

    /** Ends the run as this process sees it, with a terminal event the listeners show (not recorded anywhere). */
    private void endHere(RunStatus status, String why) {
        RunEvent end = last;
        if (end instanceof RunEvent.RunFinished || end instanceof RunEvent.RunFailed
                || end instanceof RunEvent.RunCancelled) {
            result.complete(resultOf(end));
            return;
        }
        long seq = end == null ? 1 : end.seq() + 1;
        Instant now = Instant.now();
        RunTotals totals = new RunTotals(inputTokens, outputTokens, modelCalls, 0);
        handOn(status == RunStatus.CANCELLED
                ? new RunEvent.RunCancelled(runId, seq, now, "", "", why, totals)
                : new RunEvent.RunFailed(runId, seq, now, "", "", status, why, totals));
        result.complete(new RunResult(runId, status, "", "", why, totals, List.of()));
    }

    private static RunResult resultOf(RunEvent end) {
        if (end instanceof RunEvent.RunFinished f) {
            return new RunResult(f.runId(), RunStatus.SUCCEEDED, f.output(), "", "", f.totals(), List.of());
        }
        if (end instanceof RunEvent.RunCancelled c) {
            return new RunResult(c.runId(), RunStatus.CANCELLED, "", c.nodeId(), c.reason(), c.totals(), List.of());
        }
        RunEvent.RunFailed f = (RunEvent.RunFailed) end;
        return new RunResult(f.runId(), f.status(), "", f.nodeId(), f.cause(), f.totals(), List.of());
    }

    /** Timer: nothing came yet; say what the run waits for. */
    private void quiet() {
        if (last == null && !result.isDone() && !cancelRequested) {
            notices.accept("no event from " + target.describe() + " after " + QUIET_NOTE.toSeconds() + " s: is a "
                    + "worker serving task queue '" + target.taskQueue() + "'? The run waits there; Stop cancels it.");
        }
    }

    /**
     * One line from a failure of Temporal's client: its own wrapper says only which workflow; the causes say why
     * (the call's status, then what the connection met).
     */
    static String oneLine(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable c = e; c != null && parts.size() < 3; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage().lines().findFirst().orElse("").strip();
            if (m.isEmpty() || m.startsWith("workflowId=") || parts.stream().anyMatch(p -> p.contains(m))) {
                continue;
            }
            parts.add(m);
            if (c.getCause() == null || c.getCause() == c) {
                break;
            }
        }
        String line = SafeText.escapeControls(parts.isEmpty() ? e.getClass().getSimpleName()
                : String.join(": ", parts));
        return line.length() > 240 ? line.substring(0, 240) + "…" : line;
    }

    @Override
    public String runId() {
        return runId;
    }

    /**
     * Stop: Temporal cancels the run (it ends CANCELLED, recorded by its worker); if Temporal does not confirm
     * within {@link #CANCEL_LIMIT} the run ends here anyway.
     */
    @Override
    public void cancel() {
        if (result.isDone()) {
            return;
        }
        cancelRequested = true;
        follower.interrupt();
        insist(3);
    }

    /**
     * Interrupts the follower again after {@link #CANCEL_LIMIT} while the run has not ended: the first interrupt may
     * have been spent on a question the run was waiting on (which cancels it too), so a few are sent.
     */
    private void insist(int times) {
        if (times <= 0) {
            return;
        }
        TIMER.schedule(() -> {
            if (!result.isDone()) {
                follower.interrupt();
                insist(times - 1);
            }
        }, CANCEL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<RunResult> result() {
        return result;
    }

    @Override
    public boolean answer(String requestId, String text) {
        CompletableFuture<String> waiting = questions.get(requestId);
        return waiting != null && waiting.complete(text);
    }

    /** Events are handed to every listener on the following thread as they arrive: none is ever behind. */
    @Override
    public boolean awaitEventsDelivered(Duration timeout) {
        return true;
    }

    @Override
    public List<String> listenerFailures() {
        synchronized (listenerFailures) {
            return List.copyOf(listenerFailures);
        }
    }

    /** Where the run goes, in a few words. */
    public TemporalTarget target() {
        return target;
    }
}
