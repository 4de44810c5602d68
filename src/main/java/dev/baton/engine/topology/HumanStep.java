package dev.baton.engine.topology;

import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.StepException;
import dev.baton.engine.RunContext;
import dev.baton.engine.RunEvent;
import dev.baton.flow.AgentNode;

/**
 * A HUMAN node: asks the person running the flow its instructions as the question, with its input as context; the
 * answer is the node's output. No agent timeout applies (people are slow); the run deadline does.
 */
public final class HumanStep {

    private final RunContext run;

    public HumanStep(RunContext run) {
        this.run = run;
    }

    public String run(AgentNode node, String input) throws StepException {
        String runId = run.runId();
        String nodeId = node.id();
        run.checkStopped(nodeId);
        run.emit((seq, t) -> new RunEvent.AgentStarted(runId, seq, t, nodeId, "", node.kind().name(),
                Prompts.label(node), input, 1));
        String question = node.instructions().isBlank() ? Prompts.label(node) : node.instructions();
        long t0 = System.nanoTime();
        String answer;
        try {
            answer = run.askHuman(node, question, input);
        } catch (StepException e) {
            String cause = e.getMessage();
            run.emit((seq, t) -> new RunEvent.AgentFailed(runId, seq, t, nodeId, "", cause));
            throw e;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        run.emit((seq, t) -> new RunEvent.AgentFinished(runId, seq, t, nodeId, "", answer, 0, 0, ms));
        return answer;
    }
}
