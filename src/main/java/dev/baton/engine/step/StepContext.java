package dev.baton.engine.step;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Limits;

import java.util.List;

/**
 * What a step that calls the run itself (the critic loop) may ask of it: the flow, its bounds, one model call, a
 * person's answer, an activation, and the facts it records. The executor implements it; a step sees nothing more of
 * the run. The other topologies need none: they return {@link Action}s.
 */
public interface StepContext {

    /** A piece of a step that may fail with a {@link StepException}. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws StepException;
    }

    /** Lookups of nodes and edges. */
    FlowIndex index();

    Limits limits();

    /** One model call of {@code node} (events, streaming, retries and the token budget are the executor's). */
    ModelReply callModel(AgentNode node, List<ChatMessage> messages, List<ToolSpec> tools, boolean json, int turn)
            throws StepException;

    /** Why the current thread was interrupted. */
    StepException stopCause(String nodeId);

    /** Records a warning that does not stop the run. */
    void warn(String nodeId, String message);

    /** Asks the person running the flow; blocks until answered, stopped, or the run deadline. */
    String askHuman(AgentNode node, String question, String context) throws StepException;

    /** Runs {@code body} as one activation of {@code node}: under its agent timeout, counting its tokens. */
    <T> T activation(AgentNode node, Body<T> body) throws StepException;

    /**
     * Records that a node is asked again: {@code reason} FORMAT (a reply not in the asked form) or REVIEW (an output
     * a critic rejected), attempt {@code attempt}, because of {@code cause}.
     */
    void retried(String nodeId, String edgeId, RetryReason reason, int attempt, String cause);
}
