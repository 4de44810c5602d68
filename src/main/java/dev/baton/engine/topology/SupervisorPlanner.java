package dev.baton.engine.topology;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.AgentCall;
import dev.baton.engine.step.ContextAssembler;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.StepException;
import dev.baton.engine.step.Transcript;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Limits;
import dev.baton.flow.WorkerFailurePolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a supervisor decides, one activation at a time: its model gets one tool per worker (named and described from
 * the worker's role and goal); each tool call is a sub-task, and the calls of one turn are run together; results
 * come back as tool results; the supervisor answers without a tool call (its output) or runs out of turns. A worker
 * sees only what its DELEGATES edge passes. A worker's own failure comes back as an error tool result under the
 * REPORT policy (the supervisor may delegate again or answer without it, but not on nothing that succeeded), or
 * fails the run under FAIL.
 *
 * <p>Deciding only, and deterministic given the replies and results it is fed: it returns {@link Action}s, and the
 * executor makes the model calls, runs the workers, emits the events and enforces the gates.
 */
public final class SupervisorPlanner {

    /** The argument a delegation tool takes. */
    public static final String TASK = "task";
    /** Prefix of delegation tool names. */
    public static final String PREFIX = "delegate_to_";

    /** What followed worker failures the supervisor was told of: to be recorded by the executor. */
    public record Handled(Edge edge, String policy, String action, String then, String cause) { }

    /** What to do with a worker's failure. */
    public enum OnFailure {
        /** Not the worker's own failure (the run is stopping, or it is the supervisor's): the run ends with it. */
        END_RUN,
        /** Tell the supervisor, as the tool's result. */
        REPORT,
        /** The supervisor's policy is FAIL: record that, and the run ends with it. */
        FAIL_RUN
    }

    /** A worker failure the supervisor has been told of and has not yet acted on. */
    private record Failure(Edge edge, String cause) { }

    private static final String EXTRA = "You supervise workers. Call a worker's tool with a sub-task; call several in "
            + "one turn to run them in parallel. When you have what you need, answer without calling a tool.";

    private final AgentNode supervisor;
    private final String input;
    private final int maxTurns;
    private final Map<String, Edge> byTool = new LinkedHashMap<>();
    private final List<ToolSpec> tools = new ArrayList<>();
    private final List<ChatMessage> messages = new ArrayList<>();
    private final List<Failure> unanswered = new ArrayList<>();
    private final List<Handled> handled = new ArrayList<>();
    private List<AgentCall> pending = List.of();
    private int turn;
    private int succeeded;
    private String lastFailure;

    public SupervisorPlanner(AgentNode supervisor, FlowIndex index, Limits limits, String input)
            throws StepException {
        this.supervisor = supervisor;
        this.input = input;
        this.maxTurns = limits.maxTurnsPerAgent();
        for (Edge e : index.outgoing(supervisor.id(), EdgeKind.DELEGATES)) {
            AgentNode worker = index.node(e.to()).orElseThrow(() -> StepException.failed(e.to(),
                    "worker '" + e.to() + "' is not in the flow"));
            String name = Prompts.toolName(PREFIX, worker.id());
            byTool.put(name, e);
            tools.add(new ToolSpec(name, "Delegate a sub-task to " + Prompts.describe(worker),
                    Map.of(TASK, "the self-contained sub-task for this worker")));
        }
        messages.add(new ChatMessage.System(Prompts.system(supervisor, EXTRA)));
        messages.add(new ChatMessage.User(input));
    }

    /** The first action: ask the supervisor's model. */
    public Action start() {
        turn = 1;
        return nextTurn();
    }

    /** What to do with the supervisor's reply to the latest {@link Action.AskModel}. */
    public Action onReply(ModelReply reply) {
        if (!reply.hasToolCalls()) {
            if (lastFailure != null && succeeded == 0) {
                handled("failed the run", "");
                return new Action.Fail(StepException.failed(supervisor.id(), "supervisor '" + supervisor.id()
                        + "' answered, but nothing it delegated succeeded; last worker failure: " + lastFailure));
            }
            handled("answered without it", "");
            return new Action.Done(reply.text());
        }
        handled("delegated again", String.join(", ", reply.toolCalls().stream()
                .map(c -> byTool.containsKey(c.name()) ? byTool.get(c.name()).to() : c.name()).toList()));
        messages.add(new ChatMessage.Assistant(reply.text(), reply.toolCalls()));
        List<AgentCall> calls = new ArrayList<>();
        for (ToolCall call : reply.toolCalls()) {
            Edge edge = byTool.get(call.name());
            if (edge == null) {
                calls.add(new AgentCall(call.id(), call.name(), call.arguments(), null, null, null,
                        "Error: there is no tool named '" + call.name() + "'. Available: " + byTool.keySet()));
                continue;
            }
            String instruction = instruction(call, input);
            Transcript history = new Transcript(List.of(
                    new Transcript.Entry(supervisor.id(), "Request to " + Prompts.label(supervisor), input),
                    new Transcript.Entry(supervisor.id() + "#" + call.id(), "Sub-task", instruction)));
            ContextAssembler.Section s = ContextAssembler.forEdge(edge.id(), edge.effectiveContext(),
                    supervisor.id(), history, instruction, null);
            calls.add(new AgentCall(call.id(), call.name(), call.arguments(), edge, instruction, s, null));
        }
        pending = List.copyOf(calls);
        return new Action.CallAgents(pending);
    }

    /** What to do with the results of the latest {@link Action.CallAgents}, one per call in call order. */
    public Action onResults(List<AgentCall.Result> results) {
        for (int i = 0; i < pending.size(); i++) {
            AgentCall call = pending.get(i);
            AgentCall.Result r = results.get(i);
            if (!call.refused()) {
                if (r.failure() == null) {
                    succeeded++;
                } else {
                    lastFailure = r.failure();
                    unanswered.add(new Failure(call.edge(), r.failure()));
                }
            }
            messages.add(new ChatMessage.ToolResult(call.callId(), call.tool(), resultText(call, r)));
        }
        pending = List.of();
        turn++;
        return nextTurn();
    }

    /** Records of what followed reported worker failures since the last call; the executor emits them in order. */
    public List<Handled> takeHandled() {
        List<Handled> out = List.copyOf(handled);
        handled.clear();
        return out;
    }

    /** The tool result the supervisor reads for one call (also what the delegation's return records). */
    public static String resultText(AgentCall call, AgentCall.Result r) {
        return r.failure() == null ? r.text()
                : "Error: worker '" + call.edge().to() + "' " + r.failure() + "\nDelegate the sub-task again (to this "
                + "or another worker) or answer without it.";
    }

    /**
     * A failure of the worker's own (its model's errors after retries, its timeout or turns) can be reported to the
     * supervisor; a stop of the whole run (cancel, deadline, token budget) is not the worker's and ends the run.
     */
    public static OnFailure onFailure(AgentNode supervisor, StepException e, boolean runStopping) {
        // the supervisor's own timeout surfaces inside its worker: it is not the worker's failure
        if (runStopping || supervisor.id().equals(e.nodeId())) {
            return OnFailure.END_RUN;
        }
        boolean workers = switch (e.kind()) {
            case FAILED -> true;
            case LIMIT_REACHED -> "agentTimeout".equals(e.limit()) || "maxTurnsPerAgent".equals(e.limit())
                    || "handoffLoop".equals(e.limit());
            default -> false;
        };
        if (!workers) {
            return OnFailure.END_RUN;
        }
        return supervisor.effectiveOnWorkerFailure() == WorkerFailurePolicy.FAIL ? OnFailure.FAIL_RUN
                : OnFailure.REPORT;
    }

    private Action nextTurn() {
        if (turn > maxTurns) {
            handled("failed the run", "");
            return new Action.Fail(StepException.limit(supervisor.id(), "maxTurnsPerAgent", "supervisor '"
                    + supervisor.id() + "' made " + maxTurns + " turns without a final answer"));
        }
        return new Action.AskModel(messages, tools, turn);
    }

    /** Records what followed the failures the supervisor was told of, then forgets them. */
    private void handled(String action, String then) {
        String policy = supervisor.effectiveOnWorkerFailure().name();
        for (Failure f : unanswered) {
            handled.add(new Handled(f.edge(), policy, action, then, f.cause()));
        }
        unanswered.clear();
    }

    /** The sub-task: the "task" argument, else the only argument, else the supervisor's own input. */
    private static String instruction(ToolCall call, String input) {
        String task = call.argument(TASK);
        if (task.isBlank() && call.arguments().size() == 1) {
            task = call.arguments().values().iterator().next();
        }
        return task.isBlank() ? input : task;
    }
}
