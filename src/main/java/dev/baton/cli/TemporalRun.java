package dev.baton.cli;

import dev.baton.engine.RunResult;
import dev.baton.flow.Flow;
import dev.baton.run.RemoteEngine;
import dev.baton.run.RemoteRequest;
import dev.baton.secret.SafeText;

import java.io.BufferedReader;
import java.io.PrintWriter;

/**
 * {@code baton run FLOW --engine temporal}: the run goes to Temporal's workers; its progress streams here as a local
 * run's does, and the workers record it in their audit database as it goes.
 */
final class TemporalRun {

    private TemporalRun() {
    }

    /** Runs {@code flow} (prepared) on Temporal at {@code target}; returns the command's exit code. */
    static int execute(String target, String taskQueue, Flow flow, String input, boolean noInput,
                       CliToolApprovals.Mode approveTools, BufferedReader humanIn, PrintWriter out, PrintWriter err,
                       RunProgress progress) {
        if (target == null || target.isBlank()) {
            err.println("error: --engine temporal needs --temporal HOST:PORT");
            return RunCommand.INVALID;
        }
        RemoteEngine engine;
        try {
            engine = RemoteEngine.temporal(target, taskQueue);
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return RunCommand.INVALID;
        }
        RunResult result;
        try (engine) {
            // asked on stdin as a local run asks: questions, and tool calls whose policy is ask (--approve-tools)
            RemoteRequest request = RemoteRequest.of(input, noInput ? null : new StdinQuestions(humanIn, err))
                    .withGate(new CliToolApprovals(approveTools, noInput ? null : humanIn, err));
            result = engine.run(flow, request, progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return RunCommand.STOPPED;
        } catch (RuntimeException e) {
            err.println("error: the run on Temporal at " + target + " failed: " + SafeText.escapeControls(
                    String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            return RunCommand.FAILED;
        }
        err.println("audit: recorded by the workers as it went, as " + result.runId());
        return RunOutcome.report(result, out, err);
    }
}
