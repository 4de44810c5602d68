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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A supervisor: its model gets one tool per worker (named and described from the worker's role and goal); each tool
 * call is a sub-task; the calls of one turn run in parallel; results come back as tool results; the supervisor
 * answers without a tool call (its output) or runs out of turns. A worker sees only what its DELEGATES edge passes.
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
        for (int turn = 1; turn <= maxTurns; turn++) {
            ModelReply reply = run.callModel(supervisor, messages, tools, false, turn);
            if (!reply.hasToolCalls()) {
                return reply.text();
            }
            messages.add(new ChatMessage.Assistant(reply.text(), reply.toolCalls()));
            List<RunContext.Body<String>> tasks = new ArrayList<>();
            for (ToolCall call : reply.toolCalls()) {
                run.emit((seq, t) -> new RunEvent.ToolCalled(runId, seq, t, supervisor.id(), "", call.id(),
                        call.name(), call.arguments()));
                Edge edge = byTool.get(call.name());
                if (edge == null) {
                    String error = "Error: there is no tool named '" + call.name() + "'. Available: "
                            + byTool.keySet();
                    tasks.add(() -> error);
                    continue;
                }
                tasks.add(delegate(supervisor, edge, call, input));
            }
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < tasks.size() - 1; i++) {
                results.add(run.submit(tasks.get(i)));
            }
            // the last sub-task runs on this thread, which would only wait otherwise
            results.add(CompletableFuture.completedFuture(tasks.get(tasks.size() - 1).run()));
            List<String> outputs = run.awaitAll(supervisor.id(), results);
            for (int i = 0; i < outputs.size(); i++) {
                ToolCall call = reply.toolCalls().get(i);
                String out = outputs.get(i);
                Edge edge = byTool.get(call.name());
                if (edge != null) {
                    run.emit((seq, t) -> new RunEvent.DelegationReturned(runId, seq, t, edge.to(), edge.id(),
                            supervisor.id(), edge.to(), call.id(), out));
                }
                messages.add(new ChatMessage.ToolResult(call.id(), call.name(), out));
            }
        }
        throw StepException.limit(supervisor.id(), "maxTurnsPerAgent", "supervisor '" + supervisor.id()
                + "' made " + maxTurns + " turns without a final answer");
    }

    private RunContext.Body<String> delegate(AgentNode supervisor, Edge edge, ToolCall call, String input) {
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
        return () -> run.executeNode(worker, s.text());
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
