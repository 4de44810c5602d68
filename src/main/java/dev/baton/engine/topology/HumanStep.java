package dev.baton.engine.topology;

import dev.baton.engine.step.Prompts;
import dev.baton.flow.AgentNode;

/**
 * A HUMAN node: the person running the flow is asked its instructions as the question, with its input as context;
 * the answer is the node's output. No agent timeout applies (people are slow); the run deadline does. Deciding only:
 * the executor asks and records.
 */
public final class HumanStep {

    private HumanStep() {
    }

    /** The question a HUMAN node asks: its instructions, or its label when it has none. */
    public static String question(AgentNode node) {
        return node.instructions().isBlank() ? Prompts.label(node) : node.instructions();
    }
}
