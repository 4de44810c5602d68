package dev.baton.engine.topology;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.step.StepContext;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;

import java.util.List;

/** A plain agent: one model call from (spec, input) to output. No tools are offered in this version. */
public final class AgentStep {

    private final StepContext run;

    public AgentStep(StepContext run) {
        this.run = run;
    }

    /** The agent's answer to {@code input}. */
    public String run(AgentNode node, String input) throws StepException {
        List<ChatMessage> messages = List.of(new ChatMessage.System(run.index().plainPrompt(node)),
                new ChatMessage.User(input));
        ModelReply reply = run.callModel(node, messages, List.of(), false, 1);
        return reply.text();
    }
}
