package dev.baton.engine;

import dev.baton.engine.model.ToolCall;
import dev.baton.flow.AgentNode;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.ToolSettings;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The approval gate of one run's tool calls. A call's policy is the node's {@code approval} for that tool, else the
 * flow's, else the tool's own default (reading tools auto, the others ask). {@code auto} runs it, {@code deny}
 * refuses it (the model reads the denial), {@code ask} holds that call alone: the run's gate is asked on a worker
 * thread, and when it has no answer the call waits for {@link RunHandle#approveTool}, up to the run deadline. An
 * approval for the run lets every further call of the same tool through. Decisions are events
 * (ToolApprovalRequested / ToolApprovalAnswered), so the audit and the front ends see them.
 */
final class ToolApprovals {

    /** Who decided when no person did. */
    static final String BY_POLICY = "policy";

    /**
     * The decision of every {@code auto} call, made once: completed, so nobody can complete it otherwise, and
     * immutable (most calls are auto; a future and a decision each was the gate's whole cost for them).
     */
    private static final CompletableFuture<ToolApproval> AUTO_APPROVED =
            CompletableFuture.completedFuture(ToolApproval.approve(BY_POLICY));

    private final RunContext run;
    private final Set<String> approvedForRun = ConcurrentHashMap.newKeySet();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>(4);
    private final AtomicInteger counter = new AtomicInteger();

    private record Pending(String tool, CompletableFuture<ToolApproval> answer) { }

    ToolApprovals(RunContext run) {
        this.run = run;
    }

    /** The policy of {@code tool} for {@code node}: the node's, else the flow's, else {@code toolDefault}. */
    static ApprovalPolicy policy(AgentNode node, ToolSettings flowTools, String tool, ApprovalPolicy toolDefault) {
        if (node.toolSettings() != null && node.toolSettings().approval().containsKey(tool)) {
            return node.toolSettings().approval().get(tool);
        }
        ApprovalPolicy flow = flowTools.approval().get(tool);
        return flow != null ? flow : toolDefault;
    }

    /**
     * The decision on one call, completed at once unless a person is asked. The returned future completes after the
     * decision's event was published, so that it always comes before the call's ToolCallFinished.
     */
    CompletableFuture<ToolApproval> decide(AgentNode node, ToolCall call, String ownName, String server,
                                           String argumentsJson, ApprovalPolicy policy) {
        // an MCP tool is shown and approved as server/tool: fs/write_file is not the built-in write_file
        String tool = server.isEmpty() ? ownName : server + BuiltInToolNames.SERVER_SEPARATOR + ownName;
        switch (policy) {
            case AUTO:
                return AUTO_APPROVED;
            case DENY:
                ToolApproval denied = ToolApproval.deny(BY_POLICY, "the approval policy of '" + tool + "' for agent '"
                        + node.id() + "' is deny");
                answered(node, call, tool, "", denied);
                return CompletableFuture.completedFuture(denied);
            default:
                break;
        }
        if (approvedForRun.contains(tool)) {
            ToolApproval earlier = new ToolApproval(ToolApproval.Decision.APPROVE, BY_POLICY,
                    "'" + tool + "' was approved for this run", null);
            answered(node, call, tool, "", earlier);
            return CompletableFuture.completedFuture(earlier);
        }
        return ask(node, call, tool, ownName, server, argumentsJson);
    }

    private CompletableFuture<ToolApproval> ask(AgentNode node, ToolCall call, String tool, String ownName,
                                                String server, String argumentsJson) {
        String runId = run.runId;
        String nodeId = node.id();
        String requestId = runId + ":" + nodeId + ":tool:" + counter.incrementAndGet();
        String args = run.request.redactor().redact(argumentsJson);
        CompletableFuture<ToolApproval> answer = new CompletableFuture<>();
        pending.put(requestId, new Pending(tool, answer));
        CompletableFuture<ToolApproval> decided = answer.thenApply(a -> {
            pending.remove(requestId);
            answered(node, call, tool, requestId, a);
            return a;
        });
        run.emit((seq, t) -> new RunEvent.ToolApprovalRequested(runId, seq, t, nodeId, "", requestId, call.id(),
                ownName, server, args));
        ToolApprovalRequest request = new ToolApprovalRequest(requestId, nodeId, call.id(), ownName, server, args);
        RunGate gate = run.request.gate();
        run.executor.execute(() -> {
            try {
                ToolApproval a = gate.beforeToolCall(runId, node, request);
                if (a != null) {
                    answer.complete(a);
                } else if (!run.request.humanInputAllowed()) {
                    answer.complete(ToolApproval.deny(BY_POLICY, "'" + tool
                            + "' needs a person's approval, and nobody can be asked in this run"));
                }
                // else: it waits for RunHandle.approveTool
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.completeExceptionally(e);
            } catch (RuntimeException e) {
                answer.complete(ToolApproval.deny(BY_POLICY, "the approval could not be asked: " + e.getMessage()));
            }
        });
        return decided;
    }

    /** Answers a waiting call; false when {@code requestId} waits for nothing (answered already, or unknown). */
    boolean answer(String requestId, ToolApproval approval) {
        Pending p = pending.get(requestId);
        return p != null && approval != null && p.answer.complete(approval);
    }

    /** Forgets every waiting call (the run stopped): their gates' answers, if any come, are dropped. */
    void abandon() {
        pending.values().forEach(p -> p.answer.cancel(false));
        pending.clear();
    }

    private void answered(AgentNode node, ToolCall call, String tool, String requestId, ToolApproval a) {
        String runId = run.runId;
        String edited = a.editedArguments() == null ? "" : run.request.redactor().redact(a.editedArguments());
        String reason = run.request.redactor().redact(a.reason());
        run.emit((seq, t) -> new RunEvent.ToolApprovalAnswered(runId, seq, t, node.id(), "", requestId, call.id(),
                tool, a.decision().word(), a.by(), reason, edited));
        if (a.decision() == ToolApproval.Decision.APPROVE_FOR_RUN && approvedForRun.add(tool)) {
            // calls of the same tool already waiting are let through as well
            for (Pending p : pending.values()) {
                if (p.tool.equals(tool)) {
                    p.answer.complete(new ToolApproval(ToolApproval.Decision.APPROVE, BY_POLICY,
                            "'" + tool + "' was approved for this run", null));
                }
            }
        }
    }
}
