package dev.baton.engine.topology;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.FlowIndex;
import dev.baton.flow.AgentNode;

import java.util.List;

/**
 * A plain agent: one model call from (spec, input) to output. No tools are offered in this version; a tool loop
 * plugs in here: offer the tools in {@link #start}, and let {@link #onReply} answer a reply's tool calls with a
 * further action (run these tools, then ask again) instead of {@link Action.Done}. Deciding only: the executor calls
 * the model inside the agent's activation.
 */
public final class AgentStep {

    private final AgentNode node;
    private final String input;
    private final FlowIndex index;

    /** One activation of {@code node} on {@code input}. */
    public AgentStep(AgentNode node, String input, FlowIndex index) {
        this.node = node;
        this.input = input;
        this.index = index;
    }

    /** Ask the agent's model. */
    public Action start() {
        return new Action.AskModel(List.of(new ChatMessage.System(index.plainPrompt(node)),
                new ChatMessage.User(input)), List.of(), 1);
    }

    /** The agent's answer is its reply's text. */
    public Action onReply(ModelReply reply) {
        return new Action.Done(reply.text());
    }
}
