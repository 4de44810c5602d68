package dev.baton.engine.step;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;

/**
 * What a swarm may ask of the run: a {@link CriticContext}, activations of its members, and the handoffs (their
 * gate, their count, their record).
 */
public interface SwarmContext extends CriticContext {

    /** The work of one activation, on the input it was finally given (a breakpoint may have edited it). */
    @FunctionalInterface
    interface Work {
        String run(String input) throws StepException;
    }

    /** One activation of {@code node}: the run's gate, its events, its timeout; never a silent empty output. */
    String activate(AgentNode node, String input, int attempt, Work work) throws StepException;

    /** Passes the run's gate before a handoff along {@code edge}; returns the (possibly edited) context. */
    String gateHandoff(Edge edge, String context) throws StepException;

    /** The handoff count after one more handoff. */
    int nextHandoffNumber();

    /** Records a handoff call that is not followed, and why. */
    void handoffIgnored(String nodeId, String edgeId, String target, String reason, String why);

    /** Records the handoff along {@code edge} with what it passed. */
    void handedOff(Edge edge, String reason, String contextMode, String passed, int number);
}
