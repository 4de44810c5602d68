package dev.baton.cli;

import dev.baton.engine.model.provider.Credentials;
import dev.baton.secret.Redactor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The root of Baton's command line: {@code baton <command> …}. */
@Command(name = "baton",
        mixinStandardHelpOptions = true,
        versionProvider = BatonVersion.class,
        description = "Baton: design, run and audit multi-agent AI flows.%n"
                + "Run without a command to open the designer.",
        subcommands = {ValidateCommand.class, RunCommand.class, AuditCommand.class, ImportCommand.class,
            WorkerCommand.class})
public final class BatonCommand implements Callable<Integer> {

    /** Exit code: everything went well. */
    public static final int OK = 0;
    /** Exit code: an invalid flow, file or input. */
    public static final int INVALID = 1;
    /** The audit database stayed busy with other processes longer than Baton waits (nothing was written). */
    public static final int AUDIT_LOCKED = 4;
    /** The audit database cannot be used: read-only, damaged, or not Baton's (it was left untouched). */
    public static final int AUDIT_UNUSABLE = 5;

    /** The exit code for an audit database problem. */
    static int auditExitCode(dev.baton.audit.AuditException e) {
        return switch (e.kind()) {
            case LOCKED -> AUDIT_LOCKED;
            case READ_ONLY, UNUSABLE -> AUDIT_UNUSABLE;
            case OTHER -> INVALID;
        };
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return OK;
    }

    /**
     * The program's one redactor: every key shape, plus the exact values of the provider keys present in the
     * environment or the credentials file.
     */
    public static Redactor programRedactor() {
        return new Redactor(Credentials.fromSystem().keyValues());
    }

    /** A command line with Baton's error handling: one-line messages, no stack traces, exit 1 on bad usage. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, programRedactor());
    }

    /** As {@link #commandLine(PrintWriter, PrintWriter)}; {@code redactor} cleans every output of every command. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Redactor redactor) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == RunCommand.class) {
                    return type.cast(new RunCommand(redactor));
                }
                if (type == WorkerCommand.class) {
                    return type.cast(new WorkerCommand(redactor));
                }
                if (type == AuditExportCommand.class) {
                    return type.cast(new AuditExportCommand(redactor));
                }
                return defaults.create(type);
            }
        };
        CommandLine cl = new CommandLine(new BatonCommand(), factory);
        cl.setOut(RedactingPrintWriter.wrap(out, redactor));
        cl.setErr(RedactingPrintWriter.wrap(err, redactor));
        applyExitCodes(cl);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("baton: " + commandLine.getCommandName() + ": internal error: " + oneLine(ex)
                    + " (set BATON_DEBUG=1 for the stack trace)");
            if (System.getenv("BATON_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 2;
        });
        return cl;
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static void applyExitCodes(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnInvalidInput(INVALID);
        for (CommandLine sub : cl.getSubcommands().values()) {
            applyExitCodes(sub);
        }
    }

    /** The exception's message on one line, or its type when it has none. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
