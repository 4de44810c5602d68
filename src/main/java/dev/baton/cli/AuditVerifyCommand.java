package dev.baton.cli;

import dev.baton.audit.AuditStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code baton audit verify}: recomputes every run's hash chain and names the first broken row of each. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Recompute the hash chains of every recorded run. Exits 0 when all are intact, 1 when a"
                + " row was changed or removed (the first broken row of each run is named).")
final class AuditVerifyCommand implements Callable<Integer> {

    @CommandLine.Mixin
    private AuditCommand.DbOption db;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return AuditCommand.withStore(spec, db.db, (store, out, err) -> {
            AuditStore.VerifyReport report = store.verify();
            if (report.intact()) {
                out.println("verified " + report.runs() + " runs, " + report.events() + " events: every chain is"
                        + " intact");
                return BatonCommand.OK;
            }
            for (AuditStore.ChainBreak b : report.breaks()) {
                err.println("BROKEN run " + AuditText.safe(b.runId()) + (b.seq() > 0 ? " at event #" + b.seq()
                        : " (its run row)") + ": " + AuditText.safe(b.reason()));
            }
            err.println("verify failed: " + report.breaks().size() + " of " + report.runs() + " runs are broken");
            return BatonCommand.INVALID;
        });
    }
}
