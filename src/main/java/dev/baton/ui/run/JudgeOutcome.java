package dev.baton.ui.run;

import java.util.List;

/** A judge's decision as shown on its node: which input won ("merge" when combined) and why. */
public record JudgeOutcome(String strategy, List<String> inputsConsidered, String winner, String rationale) {
}
