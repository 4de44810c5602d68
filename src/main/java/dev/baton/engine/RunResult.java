package dev.baton.engine;

import java.util.List;

/**
 * The end of a run.
 *
 * @param runId    the run
 * @param status   how it ended
 * @param output   the final answer (SUCCEEDED only; "" otherwise)
 * @param nodeId   the node that failed or hit a limit, or ""
 * @param cause    why it did not succeed, or ""
 * @param totals   tokens, calls and time spent
 * @param warnings warnings raised along the way
 */
public record RunResult(String runId, RunStatus status, String output, String nodeId, String cause, RunTotals totals,
                        List<String> warnings) {

    public RunResult {
        warnings = List.copyOf(warnings);
    }

    public boolean succeeded() {
        return status == RunStatus.SUCCEEDED;
    }
}
