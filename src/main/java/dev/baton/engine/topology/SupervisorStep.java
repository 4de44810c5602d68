package dev.baton.engine.topology;

import dev.baton.engine.ContextAssembler;
import dev.baton.engine.Prompts;
import dev.baton.engine.RunContext;
import dev.baton.engine.RunEvent;
import dev.baton.engine.StepException;
import dev.baton.engine.Transcript;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.WorkerFailurePolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A supervisor: its model gets one tool per worker (named and described from the worker's role and goal); each tool
 * call is a sub-task; the calls of one turn run in parallel; results come back as tool results; the supervisor
 * answers without a tool call (its output) or runs out of turns. A worker sees only what its DELEGATES edge passes.
 * A worker's own failure comes back as an error tool result under the REPORT policy (the supervisor may delegate
 * again or answer without it, but not on nothing that succeeded), or fails the run under FAIL.
 */
public final class SupervisorStep {

    /** The argument a delegation tool takes. */
    public static final String TASK = "task";
    /** Prefix of delegation tool names. */
    public static final String PREFIX = "delegate_to_";

    private final RunContext run;

    public SupervisorStep(RunContext run) {
        this.run = run;
    }

    /** What came back from one tool call: a worker's output, or its failure (then {@code failure} is its cause). */
    private record Returned(String text, String failure) { }

    /** A worker failure the supervisor has been told of and has not yet acted on. */
    private record Failure(Edge edge, String cause) { }

    public String run(AgentNode supervisor, String input) throws StepException {
        String runId = run.runId();
        Map<String, Edge> byTool = new LinkedHashMap<>();
        List<ToolSpec> tools = new ArrayList<>();
        for (Edge e : run.index().outgoing(supervisor.id(), EdgeKind.DELEGATES)) {
            AgentNode worker = node(e.to());
            String name = Prompts.toolName(PREFIX, worker.id());
            byTool.put(name, e);
            tools.add(new ToolSpec(name, "Delegate a sub-task to " + Prompts.describe(worker),
                    Map.of(TASK, "the self-contained sub-task for this worker")));
        }
        String extra = "You supervise workers. Call a worker's tool with a sub-task; call several in one turn to run "
                + "them in parallel. When you have what you need, answer without calling a tool.";
        List<ChatMessage> messages = new ArrayList<>(List.of(
                new ChatMessage.System(Prompts.system(supervisor, extra)), new ChatMessage.User(input)));
        int maxTurns = run.limits().maxTurnsPerAgent();
        List<Failure> unanswered = new ArrayList<>();
        int succeeded = 0;
        String lastFailure = null;
        for (int turn = 1; turn <= maxTurns; turn++) {
            ModelReply reply = run.callModel(supervisor, messages, tools, false, turn);
            if (!reply.hasToolCalls()) {
                if (lastFailure != null && succeeded == 0) {
                    handled(supervisor, unanswered, "failed the run", "");
                    throw StepException.failed(supervisor.id(), "supervisor '" + supervisor.id() + "' answered, but "
                            + "nothing it delegated succeeded; last worker failure: " + lastFailure);
                }
                handled(supervisor, unanswered, "answered without it", "");
                return reply.text();
            }
            handled(supervisor, unanswered, "delegated again", String.join(", ", reply.toolCalls().stream()
                    .map(c -> byTool.containsKey(c.name()) ? byTool.get(c.name()).to() : c.name()).toList()));
            messages.add(new ChatMessage.Assistant(reply.text(), reply.toolCalls()));
            List<RunContext.Body<Returned>> tasks = new ArrayList<>();
            for (ToolCall call : reply.toolCalls()) {
                run.emit((seq, t) -> new RunEvent.ToolCalled(runId, seq, t, supervisor.id(), "", call.id(),
                        call.name(), call.arguments()));
                Edge edge = byTool.get(call.name());
                if (edge == null) {
                    String error = "Error: there is no tool named '" + call.name() + "'. Available: "
                            + byTool.keySet();
                    tasks.add(() -> new Returned(error, null));
                    continue;
                }
                tasks.add(delegate(supervisor, edge, call, input));
            }
            List<CompletableFuture<Returned>> results = new ArrayList<>();
            for (int i = 0; i < tasks.size() - 1; i++) {
                results.add(run.submit(tasks.get(i)));
            }
            // the last sub-task runs on this thread, which would only wait otherwise
            results.add(CompletableFuture.completedFuture(tasks.get(tasks.size() - 1).run()));
            List<Returned> outputs = run.awaitAll(supervisor.id(), results);
            for (int i = 0; i < outputs.size(); i++) {
                ToolCall call = reply.toolCalls().get(i);
                Returned r = outputs.get(i);
                Edge edge = byTool.get(call.name());
                String out = r.failure() == null ? r.text()
                        : "Error: worker '" + edge.to() + "' " + r.failure() + "\nDelegate the sub-task again (to this "
                        + "or another worker) or answer without it.";
                if (edge != null) {
                    if (r.failure() == null) {
                        succeeded++;
                    } else {
                        lastFailure = r.failure();
                        unanswered.add(new Failure(edge, r.failure()));
                    }
                    run.emit((seq, t) -> new RunEvent.DelegationReturned(runId, seq, t, edge.to(), edge.id(),
                            supervisor.id(), edge.to(), call.id(), out));
                }
                messages.add(new ChatMessage.ToolResult(call.id(), call.name(), out));
            }
        }
        handled(supervisor, unanswered, "failed the run", "");
        throw StepException.limit(supervisor.id(), "maxTurnsPerAgent", "supervisor '" + supervisor.id()
                + "' made " + maxTurns + " turns without a final answer");
    }

    /** Records what followed the failures the supervisor was told of, then forgets them. */
    private void handled(AgentNode supervisor, List<Failure> failures, String action, String then) {
        String runId = run.runId();
        String policy = supervisor.effectiveOnWorkerFailure().name();
        for (Failure f : failures) {
            run.emit((seq, t) -> new RunEvent.WorkerFailureHandled(runId, seq, t, supervisor.id(), f.edge().id(),
                    supervisor.id(), f.edge().to(), policy, action, then, f.cause()));
        }
        failures.clear();
    }

    private RunContext.Body<Returned> delegate(AgentNode supervisor, Edge edge, ToolCall call, String input) {
        String runId = run.runId();
        AgentNode worker = run.index().node(edge.to()).orElseThrow();
        String instruction = instruction(call, input);
        run.emit((seq, t) -> new RunEvent.Delegated(runId, seq, t, worker.id(), edge.id(), supervisor.id(),
                worker.id(), call.id(), instruction));
        Transcript history = new Transcript(List.of(
                new Transcript.Entry(supervisor.id(), "Request to " + Prompts.label(supervisor), input),
                new Transcript.Entry(supervisor.id() + "#" + call.id(), "Sub-task", instruction)));
        ContextAssembler.Section s = ContextAssembler.forEdge(edge.id(), edge.effectiveContext(), supervisor.id(),
                history, instruction, null);
        run.emit((seq, t) -> new RunEvent.ContextPassed(runId, seq, t, worker.id(), edge.id(), supervisor.id(),
                s.mode().name(), s.tokens(), s.truncated(), s.text()));
        return () -> {
            try {
                return new Returned(run.executeNode(worker, s.text()), null);
            } catch (StepException e) {
                if (!reportable(supervisor, e)) {
                    throw e;
                }
                String cause = "failed: " + e.getMessage();
                if (supervisor.effectiveOnWorkerFailure() == WorkerFailurePolicy.FAIL) {
                    run.emit((seq, t) -> new RunEvent.WorkerFailureHandled(runId, seq, t, supervisor.id(), edge.id(),
                            supervisor.id(), worker.id(), WorkerFailurePolicy.FAIL.name(), "failed the run", "",
                            cause));
                    throw e;
                }
                return new Returned(null, cause);
            }
        };
    }

    /**
     * A failure of the worker's own (its model's errors after retries, its timeout or turns): the supervisor can do
     * without it. A stop of the whole run (cancel, deadline, token budget) is not the worker's and ends the run.
     */
    private boolean reportable(AgentNode supervisor, StepException e) {
        // the supervisor's own timeout surfaces inside its worker: it is not the worker's failure
        if (run.isStopping() || supervisor.id().equals(e.nodeId())) {
            return false;
        }
        return switch (e.status()) {
            case FAILED -> true;
            case LIMIT_REACHED -> "agentTimeout".equals(e.limit()) || "maxTurnsPerAgent".equals(e.limit())
                    || "handoffLoop".equals(e.limit());
            default -> false;
        };
    }

    /** The sub-task: the "task" argument, else the only argument, else the supervisor's own input. */
    private static String instruction(ToolCall call, String input) {
        String task = call.argument(TASK);
        if (task.isBlank() && call.arguments().size() == 1) {
            task = call.arguments().values().iterator().next();
        }
        return task.isBlank() ? input : task;
    }

    private AgentNode node(String id) throws StepException {
        return run.index().node(id).orElseThrow(() -> StepException.failed(id, "worker '" + id + "' is not in the flow"));
    }
}
