package dev.baton.engine.step;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.Edge;

import java.util.List;

/**
 * What a deciding step wants done next. The step returns one, the executor does it (a model call, agents run in
 * parallel, events, gates, limits) and feeds the results back to the step, which decides again. A step that decides
 * this way is deterministic given what it is fed: the same replies and results give the same actions.
 */
public sealed interface Action {

    /** Ask the deciding node's own model (turn {@code turn} of its activation). */
    record AskModel(List<ChatMessage> messages, List<ToolSpec> tools, int turn) implements Action {
        public AskModel {
            messages = List.copyOf(messages);
            tools = List.copyOf(tools);
        }
    }

    /** Run these calls (in parallel), then feed back one {@link AgentCall.Result} per call, in call order. */
    record CallAgents(List<AgentCall> calls) implements Action {
        public CallAgents {
            calls = List.copyOf(calls);
        }
    }

    /** Pass control along a HANDOFF edge, for {@code reason}, with the context the edge lets through. */
    record HandOff(Edge edge, String reason, ContextAssembler.Section context) implements Action { }

    /** The step is done: this is its output. */
    record Done(String output) implements Action { }

    /** The step cannot go on: the run ends for {@code reason}. */
    record Fail(StepException reason) implements Action { }
}
