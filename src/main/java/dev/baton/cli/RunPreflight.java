package dev.baton.cli;

import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.Problem;

import java.util.List;

/** The validation {@code baton run} applies before starting: the same rules as {@code baton validate}. */
final class RunPreflight {

    private RunPreflight() {
    }

    /** Problems of the flow; any ERROR stops the run with exit code 1. */
    static List<Problem> validate(Flow flow) {
        return FlowValidator.validate(flow);
    }
}
