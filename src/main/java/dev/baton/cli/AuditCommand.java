package dev.baton.cli;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditPaths;
import dev.baton.audit.AuditStore;
import dev.baton.audit.H2AuditStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code baton audit …}: browse, export and verify the audit database of recorded runs. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Browse, export and verify recorded runs. The database is an H2 file (user sa, empty"
                + " password) at <baton home>/audit unless --db says otherwise.",
        subcommands = {AuditListCommand.class, AuditShowCommand.class, AuditExportCommand.class,
            AuditVerifyCommand.class})
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return BatonCommand.OK;
    }

    /** The {@code --db PATH} option every audit command takes. */
    static final class DbOption {
        @CommandLine.Option(names = "--db", paramLabel = "PATH",
                description = "the audit database, as in an H2 URL (H2 adds .mv.db); default: ${DEFAULT-VALUE}")
        Path db = AuditPaths.defaultDatabase();
    }

    /** What a subcommand does with an open store; returns the exit code. */
    @FunctionalInterface
    interface StoreAction {
        int run(AuditStore store, PrintWriter out, PrintWriter err) throws AuditException;
    }

    /**
     * Opens the store read-only, runs the action, and turns every database problem into one line and its exit code
     * (4 busy, 5 damaged or not Baton's, 1 otherwise).
     */
    static int withStore(CommandLine.Model.CommandSpec spec, Path db, StoreAction action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = "baton audit " + spec.name();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            return action.run(store, out, err);
        } catch (AuditException e) {
            err.println(name + ": " + BatonCommand.oneLine(e));
            return BatonCommand.auditExitCode(e);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
