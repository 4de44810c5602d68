package dev.baton.engine.topology;

import dev.baton.engine.model.AppendOnlyList;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;

import java.util.List;

/**
 * A plain agent: its model is asked with the node's tools offered; a reply with tool calls becomes
 * {@link Action.CallTools}, their results go back as tool messages and the model is asked again, until a reply
 * without tool calls is the answer. At most {@code maxToolCalls} calls per activation: a reply that asks for more
 * ends the activation with LIMIT_REACHED. Deciding only: the executor calls the model and the tools.
 */
public final class AgentStep {

    /** Tool calls one activation may make when neither the node nor the flow says. */
    public static final int DEFAULT_MAX_TOOL_CALLS = 20;

    private final AgentNode node;
    private final String input;
    private final FlowIndex index;
    private final List<ToolSpec> tools;
    private final int maxToolCalls;
    /** The conversation; each model call gets a snapshot of it, not a copy. */
    private final AppendOnlyList<ChatMessage> messages = new AppendOnlyList<>();
    private int turn = 1;
    private int toolCalls;

    /** One activation of {@code node} on {@code input}, without tools. */
    public AgentStep(AgentNode node, String input, FlowIndex index) {
        this(node, input, index, List.of(), DEFAULT_MAX_TOOL_CALLS);
    }

    /** One activation of {@code node} on {@code input} offering {@code tools}, at most {@code maxToolCalls} calls. */
    public AgentStep(AgentNode node, String input, FlowIndex index, List<ToolSpec> tools, int maxToolCalls) {
        this.node = node;
        this.input = input;
        this.index = index;
        this.tools = List.copyOf(tools);
        this.maxToolCalls = maxToolCalls;
    }

    /** The bound on tool calls: the node's own, else the flow's, else {@link #DEFAULT_MAX_TOOL_CALLS}. */
    public static int maxToolCalls(AgentNode node, Integer flowDefault) {
        if (node.toolSettings() != null && node.toolSettings().maxToolCalls() != null) {
            return node.toolSettings().maxToolCalls();
        }
        return flowDefault != null ? flowDefault : DEFAULT_MAX_TOOL_CALLS;
    }

    /** Ask the agent's model. */
    public Action start() {
        messages.add(new ChatMessage.System(index.plainPrompt(node)));
        messages.add(new ChatMessage.User(input));
        return new Action.AskModel(messages.snapshot(), tools, turn);
    }

    /** A reply without tool calls is the answer; one with tool calls asks for them to be run. */
    public Action onReply(ModelReply reply) {
        if (!reply.hasToolCalls()) {
            return new Action.Done(reply.text());
        }
        if (tools.isEmpty()) {
            // no tool was offered: whatever the model called, its text is all there is to take
            return new Action.Done(reply.text());
        }
        toolCalls += reply.toolCalls().size();
        if (toolCalls > maxToolCalls) {
            return new Action.Fail(StepException.limit(node.id(), "maxToolCalls", "agent '" + node.id()
                    + "' asked for " + toolCalls + " tool calls, more than its maxToolCalls of " + maxToolCalls));
        }
        messages.add(new ChatMessage.Assistant(reply.text(), reply.toolCalls()));
        return new Action.CallTools(reply.toolCalls());
    }

    /** The results of the last {@link Action.CallTools}, one per call in call order: ask the model again. */
    public Action onToolResults(List<ChatMessage.ToolResult> results) {
        messages.addAll(results);
        turn++;
        return new Action.AskModel(messages.snapshot(), tools, turn);
    }
}
