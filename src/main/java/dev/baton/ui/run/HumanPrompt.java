package dev.baton.ui.run;

/** A question the run is waiting on a person to answer, for the run panel's non-modal prompt. */
public record HumanPrompt(String requestId, String nodeId, String question, String context) {
}
