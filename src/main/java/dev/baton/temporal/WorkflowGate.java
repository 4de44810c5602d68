package dev.baton.temporal;

import dev.baton.engine.RunGate;
import dev.baton.engine.ToolApproval;
import dev.baton.engine.ToolApprovalRequest;
import dev.baton.flow.AgentNode;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.flow.Edge;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run's gate inside the workflow: breakpoints hold a node's start or a handoff until a {@code resume} signal, and
 * a tool call whose policy is {@code ask} waits for an {@code approveTool} signal. Both waits are {@link Workflow#await}
 * on state that only signals change, so a person may answer hours later and a replay waits and passes the same way.
 * Workflow code runs one thread at a time, so plain collections are safe here.
 */
final class WorkflowGate implements RunGate {

    /** Who decided when no person did (as the embedded engine's approvals say). */
    private static final String BY_POLICY = "policy";

    private final Set<String> nodes = new LinkedHashSet<>();
    private final Set<String> handoffs = new LinkedHashSet<>();
    /** Set by a signal before the run read its input: the signal is the newer word. */
    private boolean breakpointsSignalled;
    private boolean approvalsAnswered;
    private final Map<String, ToolApproval> approvals = new HashMap<>();
    private final List<Wire.Pause> paused = new ArrayList<>();
    private final Map<Long, String> released = new HashMap<>();
    private long pauses;

    /** Takes the run's breakpoints and whether a front end answers its tool approvals. */
    void configure(Wire.RunInput input) {
        approvalsAnswered = input.approvalsAnswered();
        if (!breakpointsSignalled && input.breakpoints() != null) {
            set(input.breakpoints());
        }
    }

    /** Replaces the breakpoints (the designer toggles them during a run). */
    void breakpoints(Wire.Breakpoints b) {
        breakpointsSignalled = true;
        set(b == null ? Wire.Breakpoints.NONE : b);
    }

    private void set(Wire.Breakpoints b) {
        nodes.clear();
        nodes.addAll(b.nodes());
        handoffs.clear();
        handoffs.addAll(b.handoffs());
    }

    /** Records a person's answer; the call waiting under its request id takes it. */
    void approve(Wire.Approval a) {
        ToolApproval.Decision decision;
        try {
            decision = ToolApproval.Decision.valueOf(String.valueOf(a.decision()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // an answer nobody can read must not run a tool: it is a denial that says so
            approvals.putIfAbsent(a.requestId(), ToolApproval.deny(a.by(), "unreadable decision '" + a.decision()
                    + "'"));
            return;
        }
        approvals.putIfAbsent(a.requestId(), new ToolApproval(decision, a.by(), a.reason(), a.editedArguments()));
    }

    /**
     * Lets the stop {@code pauseId} go on with {@code text} (null: unchanged); pause 0 is the oldest stop. False when
     * no such stop holds the run.
     */
    boolean resume(long pauseId, String text) {
        for (Wire.Pause p : paused) {
            if (pauseId == 0 || p.id() == pauseId) {
                released.put(p.id(), text == null ? p.text() : text);
                return true;
            }
        }
        return false;
    }

    /** Where the run is held now, oldest stop first. */
    List<Wire.Pause> paused() {
        return List.copyOf(paused);
    }

    @Override
    public String beforeNode(String runId, AgentNode node, int attempt, String input) throws InterruptedException {
        if (!nodes.contains(node.id())) {
            return input;
        }
        return hold(new Wire.Pause(++pauses, "NODE", node.id(), "", "", attempt, input));
    }

    @Override
    public String beforeHandoff(String runId, Edge edge, String context) throws InterruptedException {
        if (!handoffs.contains(edge.id())) {
            return context;
        }
        return hold(new Wire.Pause(++pauses, "HANDOFF", edge.to(), edge.id(), edge.from(), 1, context));
    }

    private String hold(Wire.Pause pause) throws InterruptedException {
        paused.add(pause);
        try {
            Workflow.await(() -> released.containsKey(pause.id()));
            return released.remove(pause.id());
        } catch (CanceledFailure e) {
            throw new InterruptedException("the run was cancelled");
        } finally {
            paused.remove(pause);
        }
    }

    @Override
    public ToolApproval beforeToolCall(String runId, AgentNode node, ToolApprovalRequest request)
            throws InterruptedException {
        if (!approvalsAnswered) {
            String tool = request.server().isEmpty() ? request.tool() : request.server() + BuiltInToolNames.SERVER_SEPARATOR + request.tool();
            return ToolApproval.deny(BY_POLICY, "'" + tool + "' needs a person's approval, and nobody answers"
                    + " approvals for this run (it was started without a way to answer them)");
        }
        String id = request.requestId();
        try {
            Workflow.await(() -> approvals.containsKey(id));
            return approvals.remove(id);
        } catch (CanceledFailure e) {
            throw new InterruptedException("the run was cancelled");
        }
    }
}
