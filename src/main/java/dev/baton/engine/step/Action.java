package dev.baton.engine.step;

import dev.baton.engine.model.AppendOnlyList;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.Edge;

import java.util.List;

/**
 * What a deciding step wants done next. The step returns one, the executor does it (a model call, agents run in
 * parallel, events, gates, limits) and feeds the results back to the step, which decides again. A step that decides
 * this way is deterministic given what it is fed: the same replies and results give the same actions.
 */
public sealed interface Action {

    /**
     * Ask the deciding node's own model (turn {@code turn} of its activation); {@code json} asks for a JSON object
     * as the answer.
     */
    record AskModel(List<ChatMessage> messages, List<ToolSpec> tools, int turn, boolean json) implements Action {
        public AskModel {
            messages = AppendOnlyList.isSnapshot(messages) ? messages : List.copyOf(messages);
            tools = List.copyOf(tools);
        }

        /** A call whose answer is free text or tool calls. */
        public AskModel(List<ChatMessage> messages, List<ToolSpec> tools, int turn) {
            this(messages, tools, turn, false);
        }
    }

    /** Run {@code node} (an agent, with its critics) on {@code input}, then feed its output back. */
    record RunNode(AgentNode node, String input) implements Action { }

    /**
     * Run one activation of {@code node} (its {@code attempt}-th, counted from 1) on {@code input}, without its
     * critics (they are the ones asking), then feed its output back.
     */
    record Activate(AgentNode node, String input, int attempt) implements Action { }

    /**
     * Apply a critic's deterministic {@code checks} to {@code output} (bounded: a check that cannot be decided
     * within its bound fails the run), then feed back the failures, one line each.
     */
    record RunChecks(AgentNode critic, List<Check> checks, String output) implements Action {
        public RunChecks {
            checks = List.copyOf(checks);
        }
    }

    /** Ask the person running the flow {@code question} about {@code context}, then feed back the answer. */
    record AskHuman(AgentNode node, String question, String context) implements Action { }

    /** Run these calls (in parallel), then feed back one {@link AgentCall.Result} per call, in call order. */
    record CallAgents(List<AgentCall> calls) implements Action {
        public CallAgents {
            calls = List.copyOf(calls);
        }
    }

    /**
     * Run these plain tool calls (in parallel, each through the tool runner), then feed back one tool result message
     * per call, in call order; a tool's failure is a result, never a failed run.
     */
    record CallTools(List<ToolCall> calls) implements Action {
        public CallTools {
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
