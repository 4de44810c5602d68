package dev.baton.cli;

import dev.baton.audit.AuditException;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunResult;
import dev.baton.engine.Saturating;
import dev.baton.flow.Flow;
import dev.baton.run.AuditedRun;
import dev.baton.secret.SafeText;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How {@code baton run} ends a local run: waits for its result, reports it (the answer on stdout, a failure on stderr)
 * and gives the exit code ({@link RunCommand#OK}, {@link RunCommand#FAILED}, {@link RunCommand#STOPPED}).
 */
final class RunOutcome {

    private RunOutcome() {
    }

    /**
     * Waits for the run's end (Ctrl-C cancels it), its events' delivery and its audit commit; prints the answer or
     * why there is none, and returns the exit code. {@code audit}: the --audit path, for the hint it prints.
     */
    static int await(Flow flow, AuditedRun run, Path audit, PrintWriter out, PrintWriter err) {
        RunHandle handle = run.handle();
        Thread hook = new Thread(handle::cancel, "baton-run-cancel"); // Ctrl-C cancels the run cleanly
        boolean hooked = addHook(hook);
        RunResult result;
        try {
            long wait = Saturating.millis(flow.limits().runDeadline(), Duration.ofSeconds(30));
            result = handle.result().get(wait, TimeUnit.MILLISECONDS);
            handle.awaitEventsDelivered(Duration.ofSeconds(30));
            // a run is reported finished only once all its events are committed to the audit database
            if (run.auditDatabase() != null) {
                if (run.awaitCommitted(Duration.ofSeconds(30))) {
                    err.println("audit: recorded as " + handle.runId() + " (baton audit show " + handle.runId()
                            + (audit != null ? " --db " + audit : "") + ")");
                } else {
                    err.println("warning: the audit database did not confirm every event of this run within 30 s");
                }
            }
        } catch (AuditException e) {
            err.println("warning: the audit record of this run is incomplete: " + e.getMessage());
            result = handle.result().getNow(null);
            if (result == null) {
                return RunCommand.FAILED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.cancel();
            err.println("error: interrupted");
            return RunCommand.STOPPED;
        } catch (ExecutionException | TimeoutException e) {
            handle.cancel();
            err.println("error: the run did not end: " + e.getMessage());
            return RunCommand.FAILED;
        } finally {
            if (hooked) {
                removeHook(hook);
            }
        }
        handle.listenerFailures().forEach(f -> err.println("warning: " + f));
        return report(result, out, err);
    }

    /**
     * Prints a run's answer on stdout, or its failure, cancellation or limit on stderr, and gives the exit code: the
     * same for a local run and one on Temporal.
     */
    static int report(RunResult result, PrintWriter out, PrintWriter err) {
        return switch (result.status()) {
            case SUCCEEDED -> {
                out.println(result.output());
                out.flush();
                yield RunCommand.OK;
            }
            case FAILED -> {
                err.println("error: run failed" + at(result) + ": " + SafeText.escapeControls(result.cause()));
                yield RunCommand.FAILED;
            }
            case CANCELLED -> {
                err.println("run cancelled: " + SafeText.escapeControls(result.cause()));
                yield RunCommand.STOPPED;
            }
            case LIMIT_REACHED -> {
                err.println("error: limit reached" + at(result) + ": " + SafeText.escapeControls(result.cause()));
                yield RunCommand.STOPPED;
            }
        };
    }

    private static String at(RunResult r) {
        return r.nodeId().isEmpty() ? "" : " at node '" + SafeText.escapeControls(r.nodeId()) + "'";
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException | SecurityException e) {
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | SecurityException e) {
            // shutting down already: nothing to undo
        }
    }
}
