package dev.baton.engine;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;

/**
 * An optional stop point in front of node activations, swarm handoffs and tool calls that need approval. Called on the
 * engine thread that is about to act; it may block (that is its purpose) and return an edited text. The engine
 * interrupts a blocked gate when the run is cancelled or passes its deadline; a gate must give up on interrupt.
 */
public interface RunGate {

    /** Lets everything through unchanged. */
    RunGate OPEN = new RunGate() { };

    /** Before {@code node} starts activation {@code attempt}; returns the input it will get (the same to keep it). */
    default String beforeNode(String runId, AgentNode node, int attempt, String input) throws InterruptedException {
        return input;
    }

    /** Before control passes along the HANDOFF {@code edge}; returns the context the receiver will get. */
    default String beforeHandoff(String runId, Edge edge, String context) throws InterruptedException {
        return context;
    }

    /**
     * Before a tool call whose policy is {@code ask}: the decision, or null when this gate does not answer tool
     * calls (then the call waits for {@link RunHandle#approveTool}, as a question waits for {@link RunHandle#answer}).
     * Called on an engine worker thread, only for that call: the run's other calls and branches go on meanwhile.
     */
    default ToolApproval beforeToolCall(String runId, AgentNode node, ToolApprovalRequest request)
            throws InterruptedException {
        return null;
    }
}
