package dev.baton.engine.step;

import dev.baton.flow.Edge;

import java.util.Map;

/**
 * One call a deciding step asks for: the tool call that named it ({@code callId}, {@code tool}, {@code arguments}),
 * and either the edge to the agent with the sub-task and the context the edge passes, or, for a call that names no
 * agent, the {@code refusal} to give back as its result without running anything.
 */
public record AgentCall(String callId, String tool, Map<String, String> arguments, Edge edge, String instruction,
                        ContextAssembler.Section context, String refusal) {

    /** What came back from one call: the agent's output, or its failure (then {@code failure} is its cause). */
    public record Result(String text, String failure) { }

    /** True when the call names no agent: its result is the {@link #refusal()}. */
    public boolean refused() {
        return edge == null;
    }
}
