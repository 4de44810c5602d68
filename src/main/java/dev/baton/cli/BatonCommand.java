package dev.baton.cli;

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
        subcommands = {ValidateCommand.class, RunCommand.class, AuditCommand.class, ImportCommand.class})
public final class BatonCommand implements Callable<Integer> {

    /** Exit code: everything went well. */
    public static final int OK = 0;
    /** Exit code: an invalid flow, file or input. */
    public static final int INVALID = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return OK;
    }

    /** A command line with Baton's error handling: one-line messages, no stack traces, exit 1 on bad usage. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new BatonCommand());
        cl.setOut(out);
        cl.setErr(err);
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
