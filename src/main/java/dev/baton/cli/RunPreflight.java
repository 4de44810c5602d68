package dev.baton.cli;

import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The validation {@code baton run} applies before starting. Until {@code FlowValidator} lands on this branch it checks
 * only what the engine cannot do without; the lead wires it by replacing the body of {@link #validate} with
 * {@code return FlowValidator.validate(flow);}.
 */
final class RunPreflight {

    private RunPreflight() {
    }

    /** Problems of the flow; any ERROR stops the run with exit code 1. */
    static List<Problem> validate(Flow flow) {
        List<Problem> problems = new ArrayList<>();
        if (flow.nodesOfKind(NodeKind.START).size() != 1) {
            problems.add(Problem.error("start-count", "", "/nodes", "the flow needs exactly one START node"));
        }
        if (flow.nodesOfKind(NodeKind.OUTPUT).size() != 1) {
            problems.add(Problem.error("output-count", "", "/nodes", "the flow needs exactly one OUTPUT node"));
        }
        return problems;
    }
}
