package dev.baton.engine;

import dev.baton.engine.step.ContextAssembler;
import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.StepException;
import dev.baton.engine.step.Transcript;
import dev.baton.engine.topology.ChainStep;
import dev.baton.engine.topology.JudgeStep;
import dev.baton.engine.topology.RouterStep;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.NodeKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a flow: schedules chain nodes as their NEXT inputs complete or a router routes to them (ready nodes at
 * once, in parallel), assembles
 * each node's input from its incoming edges, and ends the run exactly once with a terminal event and a result.
 */
final class ChainRun implements RunHandle {

    private final RunContext run;
    private final ChainStep chain;
    private final Map<String, NodeOutput> outputs;
    /** The route each router took in its latest activation, until its successors are scheduled. */
    private final Map<String, Edge> routes = new ConcurrentHashMap<>();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final RunWatchdog watchdog;

    ChainRun(RunContext run, FlowPlan plan, RunWatchdog watchdog) {
        this.run = run;
        this.watchdog = watchdog;
        this.chain = new ChainStep(plan.chain);
        this.outputs = new ConcurrentHashMap<>(plan.flow.nodes().size() * 2);
        run.nodes = new NodeExecutor(run);
    }

    /** Starts the run; with {@code here}, the chain runs on the calling thread until it branches. */
    void start(List<String> providers, boolean simulated, boolean here) {
        String runId = run.runId;
        run.emit((seq, t) -> new RunEvent.RunStarted(runId, seq, t, "", "", run.flow.id(), run.flow.name(),
                run.request.input(), simulated, providers));
        String problem = chain.problem();
        if (problem != null) {
            end(StepException.failed("", "invalid flow: " + problem));
            return;
        }
        if (watchdog != null) {
            watchdog.register(this); // a hosted run has none: its host keeps the time
        }
        if (here) {
            runHere(chain.start());
        } else {
            launch(chain.start());
        }
    }

    private void runHere(String nodeId) {
        Thread me = Thread.currentThread();
        if (!run.track(me)) {
            return;
        }
        try {
            runFrom(nodeId);
        } catch (StepException e) {
            end(e);
        } catch (RuntimeException e) {
            end(StepException.failed(nodeId, "internal error: " + e, e));
        } finally {
            run.untrack(me);
        }
    }

    private void launch(String nodeId) {
        run.submit(() -> {
            runFrom(nodeId);
            return null;
        }).whenComplete((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                end(cause instanceof StepException se ? se
                        : StepException.failed(nodeId, "internal error: " + cause, cause));
            }
        });
    }

    /** Runs a node, then keeps this thread on the first successor that became ready; launches the others. */
    private void runFrom(String first) throws StepException {
        String current = first;
        while (current != null) {
            if (run.stopped()) {
                return;
            }
            NodeOutput out = runChainNode(current);
            outputs.put(current, out);
            if (current.equals(chain.output())) {
                succeed(out.text());
                return;
            }
            Edge route = routes.remove(current);
            List<String> ready = route != null ? chain.routed(current, route) : chain.completed(current);
            if (chain.outputUnreachable()) {
                throw StepException.failed(current, (route != null
                        ? "router '" + current + "' took route '" + route.id() + "'"
                        : "'" + current + "' finished") + ", after which the OUTPUT node can no longer be reached");
            }
            if (ready.isEmpty() && chain.idle()) {
                // nothing runs any more and nothing can deliver: say so now instead of waiting for the deadline
                throw StepException.failed(current, "after '" + current + "' no node is left to run, and the OUTPUT"
                        + " node '" + chain.output() + "' still waits for " + String.join(", ", chain.outputAwaits()));
            }
            for (int i = 1; i < ready.size(); i++) {
                launch(ready.get(i));
            }
            current = ready.isEmpty() ? null : ready.get(0);
        }
    }

    private NodeOutput runChainNode(String nodeId) throws StepException {
        AgentNode node = run.index.node(nodeId).orElseThrow(() ->
                StepException.failed(nodeId, "node '" + nodeId + "' is not in the flow"));
        String runId = run.runId;
        if (node.kind() == NodeKind.START) {
            String input = run.request.input();
            TextCaps.context(nodeId, "the run input", input);
            run.emit((seq, t) -> new RunEvent.AgentStarted(runId, seq, t, nodeId, "", NodeKind.START,
                    Prompts.label(node),
                    input, 1));
            run.emit((seq, t) -> new RunEvent.AgentFinished(runId, seq, t, nodeId, "", input, 0, 0, 0));
            return new NodeOutput(nodeId, input, Transcript.of(new Transcript.Entry(nodeId, "Request", input)));
        }
        List<Edge> incoming = chain.incoming(nodeId);
        List<ContextAssembler.Section> sections = new ArrayList<>();
        List<Transcript> histories = new ArrayList<>();
        List<JudgeStep.Candidate> candidates = new ArrayList<>();
        Set<String> passed = incoming.size() > 1 ? new HashSet<>() : null;
        for (Edge e : incoming) {
            NodeOutput from = outputs.get(e.from());
            ContextAssembler.Section s = ContextAssembler.forEdge(e.id(), e.effectiveContext(), e.from(),
                    from.history(), from.text(), passed);
            TextCaps.context(nodeId, "the context passed along '" + e.id() + "' to the input", s.text());
            run.emit((seq, t) -> new RunEvent.ContextPassed(runId, seq, t, nodeId, e.id(), e.from(),
                    s.mode(), s.tokens(), s.truncated(), s.text()));
            sections.add(s);
            histories.add(ContextAssembler.historyThrough(s, from.history()));
            // a judge weighs what the edge lets through, never the raw output: the audit's ContextPassed says the same
            candidates.add(new JudgeStep.Candidate(e.from(), label(e.from()), s.answer()));
        }
        String input = ContextAssembler.join(sections, this::label);
        TextCaps.context(nodeId, "the input", input);
        String output;
        if (node.kind() == NodeKind.OUTPUT) {
            run.emit((seq, t) -> new RunEvent.AgentStarted(runId, seq, t, nodeId, "", NodeKind.OUTPUT,
                    Prompts.label(node),
                    input, 1));
            if (input.isBlank()) {
                throw StepException.failed(nodeId, "the output node '" + nodeId + "' received an empty answer");
            }
            run.emit((seq, t) -> new RunEvent.AgentFinished(runId, seq, t, nodeId, "", input, 0, 0, 0));
            output = input;
        } else if (node.kind() == NodeKind.JUDGE) {
            output = run.nodes.executeJudge(node, input, candidates);
        } else if (node.kind() == NodeKind.ROUTER) {
            RouterStep.Choice choice = run.nodes.route(node, input, chain.routesLeft(nodeId));
            routes.put(nodeId, choice.edge());
            output = input;
        } else {
            output = run.nodes.execute(node, input);
        }
        // a router passes its input on unchanged: saying it again in the history would only repeat it
        Transcript history = node.kind() == NodeKind.ROUTER ? Transcript.merge(histories)
                : Transcript.merge(histories).plus(new Transcript.Entry(nodeId, Prompts.label(node), output));
        return new NodeOutput(nodeId, output, history);
    }

    private String label(String nodeId) {
        return run.index.node(nodeId).map(Prompts::label).orElse(nodeId);
    }

    private void succeed(String output) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        run.stop(StepException.cancelled("", "the run has already finished"));
        cancelDeadline();
        RunTotals totals = run.totals();
        String runId = run.runId;
        run.bus.publishLast((seq, t) -> new RunEvent.RunFinished(runId, seq, t, chain.output(), "", output, totals));
        result.complete(new RunResult(runId, RunStatus.SUCCEEDED, output, "", "", totals, run.warnings()));
    }

    /** Ends the run for {@code why} unless it already ended: the first end wins. */
    void end(StepException why) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        run.stop(why);
        cancelDeadline();
        RunTotals totals = run.totals();
        String runId = run.runId;
        String node = why.nodeId();
        String cause = why.getMessage();
        RunStatus status = RunStatus.valueOf(why.kind().name());
        if (status == RunStatus.LIMIT_REACHED) {
            run.emit((seq, t) -> new RunEvent.LimitReached(runId, seq, t, node, "", why.limit(), cause));
        }
        if (status == RunStatus.CANCELLED) {
            run.bus.publishLast((seq, t) -> new RunEvent.RunCancelled(runId, seq, t, node, "", cause, totals));
        } else {
            run.bus.publishLast((seq, t) -> new RunEvent.RunFailed(runId, seq, t, node, "", status, cause,
                    totals));
        }
        result.complete(new RunResult(runId, status, "", node, cause, totals, run.warnings()));
    }

    private void cancelDeadline() {
        if (watchdog != null) {
            watchdog.unregister(this);
        }
    }

    /** Called by the watchdog: ends the run past its deadline, interrupts activations past their timeout. */
    void checkTime(long nowNanos) {
        Duration d = run.limits().runDeadline();
        if (nowNanos - run.startNanos >= Saturating.nanos(d)) {
            end(StepException.limit("", "runDeadline", "the run exceeded its deadline of " + Saturating.millis(d)
                    + " ms"));
        } else {
            run.checkTimeouts();
        }
    }

    @Override
    public String runId() {
        return run.runId;
    }

    @Override
    public void cancel() {
        end(StepException.cancelled("", "cancelled by the user"));
    }

    @Override
    public CompletableFuture<RunResult> result() {
        return result;
    }

    @Override
    public boolean answer(String requestId, String text) {
        return run.answer(requestId, text);
    }

    @Override
    public boolean approveTool(String requestId, ToolApproval approval) {
        return run.approveTool(requestId, approval);
    }

    @Override
    public boolean awaitEventsDelivered(Duration timeout) throws InterruptedException {
        return run.bus.awaitDelivered(timeout);
    }

    @Override
    public List<String> listenerFailures() {
        return run.bus.listenerFailures();
    }
}
