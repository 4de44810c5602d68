package dev.baton.engine;

import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;

/** How the executor runs one node kind on its input: one entry per {@link dev.baton.flow.NodeKind}. */
@FunctionalInterface
interface Step {
    String run(AgentNode node, String input) throws StepException;
}
