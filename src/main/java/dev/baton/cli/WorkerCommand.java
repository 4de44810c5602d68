package dev.baton.cli;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditWriter;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.run.RemoteEngine;
import dev.baton.run.RunOptions;
import dev.baton.run.RunService;
import dev.baton.secret.Redactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code baton worker --temporal HOST:PORT}: serves runs started with {@code baton run --engine temporal}. Model and
 * tool calls run here with this machine's keys (environment or credentials file); the runs it serves are recorded in
 * this worker's audit database as they go. Runs until stopped (Ctrl-C).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Serve flow runs for a Temporal cluster (needs baton-temporal.jar).")
public final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--temporal", required = true, paramLabel = "HOST:PORT",
            description = "The Temporal frontend (e.g. localhost:7233).")
    String target;

    @Option(names = "--task-queue", paramLabel = "Q", defaultValue = "baton",
            description = "The task queue to serve (default: ${DEFAULT-VALUE}).")
    String taskQueue;

    @Option(names = "--audit", paramLabel = "PATH",
            description = "Audit database the runs this worker serves are recorded in, as they go. Default: <baton home>/audit.")
    Path audit;

    @Option(names = "--no-audit", description = "Record nothing.")
    boolean noAudit;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the simulated model.")
    long seed;

    @Option(names = "--sim-latency", paramLabel = "MS", defaultValue = "0",
            description = "Latency per simulated model call, in milliseconds.")
    long simLatencyMs;

    private final Redactor redactor;

    public WorkerCommand() {
        this(BatonCommand.programRedactor());
    }

    public WorkerCommand(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public Integer call() {
        PrintWriter err = RedactingPrintWriter.wrap(spec.commandLine().getErr(), redactor);
        RemoteEngine engine;
        try {
            engine = RemoteEngine.temporal(target, taskQueue);
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return BatonCommand.INVALID;
        }
        RunOptions options = RunOptions.DEFAULT.withSeed(seed)
                .withSimLatency(Duration.ofMillis(Math.max(0, simLatencyMs)), 0);
        ModelProvider models = new RunService(redactor, () -> ModelProviders.real(redactor)).models(options);
        Path db = noAudit ? null : options.withAudit(audit).auditPath();
        AuditWriter writer = null;
        try (engine) {
            if (db != null) {
                writer = AuditWriter.open(db, notice -> err.println("note: " + notice), redactor);
            }
            err.println("worker: serving task queue '" + taskQueue + "' of " + target
                    + (db == null ? "; recording nothing" : "; recording runs in " + db) + " (Ctrl-C stops)");
            err.flush();
            Thread serving = Thread.currentThread();
            Thread hook = new Thread(() -> {
                serving.interrupt();
                try {
                    serving.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "baton-worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                engine.serve(models, writer, redactor);
            } catch (InterruptedException e) {
                // the stop we wait for; the flag stays clear so that the audit database can close in peace
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is what stopped us
                }
            }
            err.println("worker: stopped");
            return BatonCommand.OK;
        } catch (AuditException e) {
            err.println("error: cannot open the audit database " + db + ": " + e.getMessage());
            return BatonCommand.auditExitCode(e);
        } finally {
            if (writer != null) {
                try {
                    writer.close();
                } catch (AuditException e) {
                    err.println("warning: closing the audit database: " + e.getMessage());
                }
            }
        }
    }
}
