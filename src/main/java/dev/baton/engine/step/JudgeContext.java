package dev.baton.engine.step;

import dev.baton.flow.AgentNode;

import java.util.List;

/** What a judge may ask of the run: a {@link StepContext}, running its verifier, and recording its decision. */
public interface JudgeContext extends StepContext {

    /** Runs a node (with its critics) on {@code input} and returns its output: a RE_VERIFY judge's verifier. */
    String runNode(AgentNode node, String input) throws StepException;

    /** Records the decision among {@code considered}: the winner (or "merge"), the output and the rationale. */
    void judgeDecided(String judgeId, String strategy, List<String> considered, String winner, String output,
                      String rationale);
}
