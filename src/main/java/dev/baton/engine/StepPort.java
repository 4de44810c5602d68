package dev.baton.engine;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.step.CriticContext;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.RetryReason;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Limits;

import java.util.List;

/**
 * The one implementation of the step contexts: what a topology step asks of the run becomes a call on the run's
 * state, its executor or an event. Steps see only the narrow interface they were given.
 */
final class StepPort implements CriticContext {

    private final RunContext run;

    StepPort(RunContext run) {
        this.run = run;
    }

    @Override
    public FlowIndex index() {
        return run.index;
    }

    @Override
    public Limits limits() {
        return run.limits();
    }

    @Override
    public ModelReply callModel(AgentNode node, List<ChatMessage> messages, List<ToolSpec> tools, boolean json,
                                int turn) throws StepException {
        return run.callModel(node, messages, tools, json, turn);
    }

    @Override
    public StepException stopCause(String nodeId) {
        return run.stopCause(nodeId);
    }

    @Override
    public void warn(String nodeId, String message) {
        run.warn(nodeId, message);
    }

    @Override
    public String askHuman(AgentNode node, String question, String context) throws StepException {
        return run.askHuman(node, question, context);
    }

    @Override
    public <T> T activation(AgentNode node, Body<T> body) throws StepException {
        return run.activation(node, body);
    }

    @Override
    public void retried(String nodeId, String edgeId, RetryReason reason, int attempt, String cause) {
        String runId = run.runId;
        run.emit((seq, t) -> new RunEvent.Retried(runId, seq, t, nodeId, edgeId, reason, attempt, 0, cause));
    }

    @Override
    public void criticVerdict(String criticId, String edgeId, String nodeId, boolean pass, String feedback,
                              List<String> failedChecks, int attempt) {
        String runId = run.runId;
        run.emit((seq, t) -> new RunEvent.CriticVerdict(runId, seq, t, criticId, edgeId, nodeId, pass, feedback,
                failedChecks, attempt));
    }
}
