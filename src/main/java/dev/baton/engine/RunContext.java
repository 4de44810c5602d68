package dev.baton.engine;

import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one run: events, model calls, worker tasks, timeouts, cancellation and questions to a person.
 * Engine-internal: the topology steps never see it; they return {@code engine.step}'s Actions and the executor does
 * them on this state.
 */
final class RunContext {

    final String runId;
    final Flow flow;
    final FlowIndex index;
    final RunRequest request;
    final RunnerOptions options;
    final ModelProvider provider;
    final Executor executor;
    final ScheduledExecutorService timer;
    final EventBus bus;
    /** The hosting runtime, or null on the embedded engine's own threads. */
    final RunHost host;
    final long startNanos = System.nanoTime();
    final AtomicLong inputTokens = new AtomicLong();
    final AtomicLong outputTokens = new AtomicLong();
    final AtomicInteger modelCalls = new AtomicInteger();
    final AtomicInteger handoffs = new AtomicInteger();
    private final Set<Thread> workingThreads = new HashSet<>();
    private final Activations activations = new Activations();
    private final HumanQuestions questions = new HumanQuestions(this);
    private final List<String> warnings = new ArrayList<>();
    final ModelCaller models;
    NodeExecutor nodes;
    private volatile ToolCalls tools;
    private volatile StepException stop;

    RunContext(String runId, FlowPlan plan, RunRequest request, RunnerOptions options, ModelProvider provider,
               Executor executor, ScheduledExecutorService timer, EventBus bus, RunHost host) {
        this.runId = runId;
        this.flow = plan.flow;
        this.index = plan.index;
        this.request = request;
        this.options = options;
        this.provider = provider;
        this.executor = executor;
        this.timer = timer;
        this.bus = bus;
        this.host = host;
        this.models = new ModelCaller(this);
    }

    public String runId() {
        return runId;
    }

    public Flow flow() {
        return flow;
    }

    /** Per-run lookups of nodes and edges. */
    public FlowIndex index() {
        return index;
    }

    public Limits limits() {
        return flow.limits();
    }

    public RunRequest request() {
        return request;
    }

    /** Publishes an event; never blocks on listeners. */
    public RunEvent emit(RunEvent.Factory factory) {
        return bus.publish(factory);
    }

    /** Calls a node's model (see {@link ModelCaller}). */
    public dev.baton.engine.model.ModelReply callModel(AgentNode node, List<dev.baton.engine.model.ChatMessage> messages,
                                                     List<dev.baton.engine.model.ToolSpec> tools, boolean json,
                                                     int turn) throws StepException {
        return models.call(node, messages, tools, json, turn);
    }

    /** The run's plain tools, built on first need (a flow without tools never builds them). */
    ToolCalls tools() {
        ToolCalls t = tools;
        if (t == null) {
            synchronized (this) {
                if (tools == null) {
                    tools = new ToolCalls(this);
                }
                t = tools;
            }
        }
        return t;
    }

    /** Runs a node (with its critics) on this thread and returns its output; used for workers and verifiers. */
    public String executeNode(AgentNode node, String input) throws StepException {
        return nodes.execute(node, input);
    }

    /** Passes the request's gate before {@code node} starts; returns the (possibly edited) input. */
    public String gateNode(AgentNode node, int attempt, String input) throws StepException {
        RunGate gate = request.gate();
        if (gate == RunGate.OPEN) {
            return input;
        }
        WaitClock clock = waitClock();
        WaitClock.hold(clock, System.nanoTime());
        try {
            String passed = gate.beforeNode(runId, node, attempt, input);
            checkStopped(node.id());
            return passed == null ? input : passed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopCause(node.id());
        } finally {
            WaitClock.release(clock, System.nanoTime());
        }
    }

    /** Passes the request's gate before a handoff along {@code edge}; returns the (possibly edited) context. */
    public String gateHandoff(dev.baton.flow.Edge edge, String context) throws StepException {
        RunGate gate = request.gate();
        if (gate == RunGate.OPEN) {
            return context;
        }
        WaitClock clock = waitClock();
        WaitClock.hold(clock, System.nanoTime());
        try {
            String passed = gate.beforeHandoff(runId, edge, context);
            checkStopped(edge.from());
            return passed == null ? context : passed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopCause(edge.from());
        } finally {
            WaitClock.release(clock, System.nanoTime());
        }
    }

    /** The handoff count after one more handoff. */
    public int nextHandoffNumber() {
        return handoffs.incrementAndGet();
    }

    /** Records a warning that does not stop the run. */
    public void warn(String nodeId, String message) {
        synchronized (warnings) {
            warnings.add(message);
        }
        emit((seq, t) -> new RunEvent.RunWarning(runId, seq, t, nodeId, "", message));
    }

    List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** Fails fast when the run was stopped (cancelled, deadline) or this thread's activation timed out. */
    public void checkStopped(String nodeId) throws StepException {
        if (stop != null || Thread.currentThread().isInterrupted()) {
            throw stopCause(nodeId);
        }
    }

    /** Why the current thread was interrupted: the run's stop, a timed-out activation, or a plain interrupt. */
    public StepException stopCause(String nodeId) {
        StepException s = stop;
        if (s != null) {
            return s.kind() == StepException.Kind.CANCELLED ? StepException.cancelled(nodeId, s.getMessage()) : s;
        }
        String timedOut = activations.timedOutNode();
        if (timedOut != null) {
            return StepException.limit(timedOut, "agentTimeout",
                    "agent '" + timedOut + "' exceeded its timeout of " + Saturating.millis(limits().agentTimeout())
                            + " ms");
        }
        return StepException.cancelled(nodeId, "interrupted");
    }

    /**
     * Runs {@code body} as one activation of {@code node}, interrupted when it exceeds the agent timeout. Timeouts are
     * found by {@link #checkTimeouts()}, which the run calls periodically: one timer task per run instead of one per
     * activation keeps a step cheap.
     */
    public <T> T activation(AgentNode node, StepBody<T> body) throws StepException {
        return activations.run(node.id(), Saturating.deadline(System.nanoTime(), limits().agentTimeout()), body);
    }

    /** Interrupts every activation past its agent timeout. */
    void checkTimeouts() {
        activations.checkTimeouts();
    }

    /** Adds a model call's tokens to this thread's innermost activation. */
    void countActivationTokens(int in, int out) {
        activations.countTokens(in, out);
    }

    /** Tokens in and out of this thread's innermost activation so far. */
    public int[] activationTokens() {
        return activations.tokens();
    }

    /** Milliseconds this thread's innermost activation was held so far (breakpoints, a person's answers). */
    public long activationWaitedMs() {
        return activations.waitedMs();
    }

    /** The wait clock a wait on this thread holds: its innermost activation's, or the one that submitted its task. */
    WaitClock waitClock() {
        return activations.waitClock();
    }

    /** Runs a task on the executor, tracked so that a stop interrupts it. */
    public <T> CompletableFuture<T> submit(StepBody<T> body) {
        CompletableFuture<T> future = new CompletableFuture<>();
        WaitClock parent = waitClock();
        executor.execute(() -> {
            Thread me = Thread.currentThread();
            if (!track(me)) {
                future.completeExceptionally(stopCause(""));
                return;
            }
            Activations.submittedBy(parent);
            try {
                future.complete(body.run());
            } catch (StepException e) {
                future.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(StepException.failed("", "internal error: " + e, e));
            } finally {
                Activations.submittedTaskEnded();
                untrack(me);
            }
        });
        return future;
    }

    /** Registers a working thread; false when the run already stopped. */
    boolean track(Thread t) {
        synchronized (workingThreads) {
            if (stop != null) {
                return false;
            }
            if (host == null) {
                // a host's threads are its own: a stop reaches them through checkStopped, never an interrupt
                workingThreads.add(t);
            }
            return true;
        }
    }

    void untrack(Thread t) {
        synchronized (workingThreads) {
            workingThreads.remove(t);
            Thread.interrupted(); // an interrupt meant for this run must not hit the pool's next task
        }
    }

    /** Stops the run for {@code why}; the first stop wins. Interrupts every working thread. */
    boolean stop(StepException why) {
        synchronized (workingThreads) {
            if (stop != null) {
                return false;
            }
            stop = why;
            for (Thread t : workingThreads) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
        }
        // text a model streamed before the stop reaches listeners ahead of the run's last event
        models.flushStreams();
        ToolCalls t = tools;
        if (t != null) {
            t.approvals.abandon(); // an approval that comes after the stop must not be taken
        }
        return true;
    }

    boolean stopped() {
        return stop != null;
    }

    /** True once the run is stopping (cancelled, failed elsewhere, past its deadline): no step should go on. */
    public boolean isStopping() {
        return stop != null;
    }

    /** Waits for all futures, up to the run deadline; the first failure wins and the others are abandoned. */
    public <T> List<T> awaitAll(String nodeId, List<CompletableFuture<T>> futures) throws StepException {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture<?>[]::new));
        // a failure must not wait for the slower siblings
        for (CompletableFuture<T> f : futures) {
            f.whenComplete((v, e) -> {
                if (e != null) {
                    all.completeExceptionally(e);
                }
            });
        }
        try {
            waitFor(all, remainingDeadlineNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopCause(nodeId);
        } catch (java.util.concurrent.TimeoutException e) {
            throw StepException.limit(nodeId, "runDeadline", "run deadline reached while waiting for workers");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StepException se) {
                throw se;
            }
            throw StepException.failed(nodeId, "worker failed: " + cause, cause);
        }
        List<T> results = new ArrayList<>(futures.size());
        for (CompletableFuture<T> f : futures) {
            results.add(f.join());
        }
        return results;
    }

    /** Waits for {@code f} on this thread, or through the host; its outcome is then read with {@code get()}. */
    void waitFor(CompletableFuture<?> f, long nanos)
            throws InterruptedException, java.util.concurrent.ExecutionException,
            java.util.concurrent.TimeoutException {
        if (host == null) {
            f.get(nanos, TimeUnit.NANOSECONDS);
        } else if (!host.await(f, nanos)) {
            throw new java.util.concurrent.TimeoutException();
        } else {
            f.get();
        }
    }

    long remainingDeadlineNanos() {
        return Math.max(1, Saturating.nanos(limits().runDeadline()) - (System.nanoTime() - startNanos));
    }

    /** Asks the person running the flow; blocks until answered, stopped, or the run deadline. */
    public String askHuman(AgentNode node, String question, String context) throws StepException {
        return questions.ask(node, question, context);
    }

    /** Answers a tool call waiting for approval; false when none waits under {@code requestId}. */
    boolean approveTool(String requestId, ToolApproval approval) {
        ToolCalls t = tools;
        return t != null && t.approvals.answer(requestId, approval);
    }

    boolean answer(String requestId, String text) {
        return questions.answer(requestId, text);
    }

    RunTotals totals() {
        return new RunTotals(inputTokens.get(), outputTokens.get(), modelCalls.get(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }
}
