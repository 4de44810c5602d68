package dev.baton.temporal;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunGate;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunTotals;
import dev.baton.engine.ToolApproval;
import dev.baton.engine.ToolApprovalRequest;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.run.RemoteRequest;
import dev.baton.run.RemoteRun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run on Temporal as the front end that started it sees it: a thread follows its events through the workflow's
 * query, and what the run waits for (a person's answer, a tool call's approval, a breakpoint) is put to the request's
 * handlers on threads of their own, so the events keep coming meanwhile; their answers go back as signals.
 */
final class FollowedRun implements RemoteRun {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final TemporalRuns runs;
    private final String runId;
    private final Flow flow;
    private final RemoteRequest request;
    private final RunListener listener;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    /** Asks the handlers: a person may take hours, and several may wait at once (parallel branches). */
    private final ExecutorService answers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "baton-temporal-answer-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    /** Stops already put to the gate: each is asked once. */
    private final Set<Long> asked = new HashSet<>();
    private final List<String> listenerFailures = new ArrayList<>();
    private volatile RunTotals totals = new RunTotals(0, 0, 0, 0);

    FollowedRun(TemporalRuns runs, String runId, Flow flow, RemoteRequest request, RunListener listener) {
        this.runs = runs;
        this.runId = runId;
        this.flow = flow;
        this.request = request;
        this.listener = listener;
    }

    /** Starts the workflow, then follows it on a daemon thread. */
    FollowedRun start() {
        runs.start(runId, flow, request.input(), request.humanInputAllowed(), request.gate() != null,
                new Wire.Breakpoints(List.copyOf(request.breakpointNodes()), List.copyOf(request.breakpointHandoffs())));
        Thread follower = new Thread(this::follow, "baton-temporal-follow-" + THREADS.incrementAndGet());
        follower.setDaemon(true);
        follower.start();
        return this;
    }

    private void follow() {
        try {
            Wire.RunOutcome outcome = runs.follow(runId, this::onEvent, this::onPaused, POLL);
            result.complete(new RunResult(outcome.runId(), RunStatus.valueOf(outcome.status()), outcome.output(),
                    outcome.failedNode() == null ? "" : outcome.failedNode(),
                    outcome.cause() == null ? "" : outcome.cause(), totals, List.of()));
        } catch (InterruptedException e) {
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        } finally {
            // a handler still asking (a prompt nobody answered) has nothing left to answer
            answers.shutdownNow();
        }
    }

    private void onEvent(RunEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            synchronized (listenerFailures) {
                if (listenerFailures.isEmpty()) {
                    listenerFailures.add("a listener failed on " + event.type() + ": " + e);
                }
            }
        }
        if (event instanceof RunEvent.HumanInputRequested q && request.questions() != null) {
            answers.execute(() -> askPerson(q));
        } else if (event instanceof RunEvent.ToolApprovalRequested a && request.gate() != null) {
            answers.execute(() -> askApproval(a));
        } else if (event instanceof RunEvent.RunFinished f) {
            totals = f.totals();
        } else if (event instanceof RunEvent.RunFailed f) {
            totals = f.totals();
        } else if (event instanceof RunEvent.RunCancelled c) {
            totals = c.totals();
        }
    }

    private void askPerson(RunEvent.HumanInputRequested q) {
        try {
            String answer = request.questions().answer(q.requestId(), q.nodeId(), q.question(), q.context());
            runs.answer(runId, q.requestId(), answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run ended
        } catch (Exception e) {
            cancel(); // nobody can answer (end of input): the run would only wait for its deadline
        }
    }

    private void askApproval(RunEvent.ToolApprovalRequested a) {
        Optional<AgentNode> node = flow.node(a.nodeId());
        if (node.isEmpty()) {
            return;
        }
        ToolApproval approval;
        try {
            approval = request.gate().beforeToolCall(runId, node.get(), new ToolApprovalRequest(a.requestId(),
                    a.nodeId(), a.callId(), a.tool(), a.server(), a.argumentsJson()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            // as the embedded engine answers a gate that failed
            approval = ToolApproval.deny("policy", "the approval could not be asked: " + e.getMessage());
        }
        if (approval != null) {
            approveTool(a.requestId(), approval);
        }
    }

    private void onPaused(List<Wire.Pause> paused) {
        RunGate gate = request.gate();
        if (gate == null) {
            return; // resumed through the handle
        }
        for (Wire.Pause p : paused) {
            synchronized (asked) {
                if (!asked.add(p.id())) {
                    continue;
                }
            }
            answers.execute(() -> askGate(gate, p));
        }
    }

    private void askGate(RunGate gate, Wire.Pause p) {
        String text;
        try {
            if ("HANDOFF".equals(p.kind())) {
                Optional<Edge> edge = flow.edge(p.edgeId());
                text = edge.isEmpty() ? p.text() : gate.beforeHandoff(runId, edge.get(), p.text());
            } else {
                Optional<AgentNode> node = flow.node(p.nodeId());
                text = node.isEmpty() ? p.text() : gate.beforeNode(runId, node.get(), p.attempt(), p.text());
            }
        } catch (InterruptedException e) {
            // the gate gave the run up (as the embedded engine treats an interrupted gate): it ends CANCELLED
            if (!result.isDone()) {
                cancel();
            }
            return;
        }
        try {
            runs.resume(runId, p.id(), text);
        } catch (RuntimeException e) {
            // the run ended meanwhile
        }
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public void cancel() {
        try {
            runs.cancel(runId);
        } catch (RuntimeException e) {
            // ended already, or the frontend is gone: the run's timeout ends it
        }
    }

    @Override
    public CompletableFuture<RunResult> result() {
        return result;
    }

    @Override
    public boolean answer(String requestId, String text) {
        try {
            runs.answer(runId, requestId, text == null ? "" : text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean approveTool(String requestId, ToolApproval approval) {
        if (approval == null) {
            return false;
        }
        try {
            runs.approveTool(runId, requestId, approval);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean resume(String text) {
        try {
            if (runs.paused(runId).isEmpty()) {
                return false;
            }
            runs.resume(runId, 0, text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void breakpoints(Set<String> nodes, Set<String> handoffs) {
        runs.breakpoints(runId, new Wire.Breakpoints(List.copyOf(nodes), List.copyOf(handoffs)));
    }

    /** The follower hands every event on as it reads it: they are all delivered once the run's end was read. */
    @Override
    public boolean awaitEventsDelivered(Duration timeout) throws InterruptedException {
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    @Override
    public List<String> listenerFailures() {
        synchronized (listenerFailures) {
            return List.copyOf(listenerFailures);
        }
    }
}
