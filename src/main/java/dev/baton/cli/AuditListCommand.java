package dev.baton.cli;

import dev.baton.audit.AuditStore;
import dev.baton.secret.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code baton audit list}: recorded runs, newest first, page by page. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List recorded runs, newest first.")
final class AuditListCommand implements Callable<Integer> {

    @CommandLine.Mixin
    private AuditCommand.DbOption db;

    @CommandLine.Option(names = "--flow", paramLabel = "FLOW_ID", description = "only runs of this flow id")
    private String flow;

    /** What --status accepts: a run's recorded statuses. */
    static final List<String> STATUSES = List.of("RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "LIMIT_REACHED",
            "INTERRUPTED");

    private String status;

    @CommandLine.Option(names = "--status", paramLabel = "STATUS",
            description = "only runs with this status (RUNNING, SUCCEEDED, FAILED, CANCELLED, LIMIT_REACHED,"
                    + " INTERRUPTED)")
    void status(String value) {
        String wanted = value.toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(wanted)) {
            // a typo listed "no runs recorded that match", as if the database were empty
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown status '"
                    + SafeText.escapeControls(value) + "' for --status (use one of " + String.join(", ", STATUSES)
                    + ")");
        }
        status = wanted;
    }

    @CommandLine.Option(names = "--since", paramLabel = "WHEN",
            description = "only runs started at or after WHEN (2026-11-25 or 2026-11-25T10:00:00Z)")
    private String since;

    @CommandLine.Option(names = "--until", paramLabel = "WHEN", description = "only runs started before WHEN")
    private String until;

    @CommandLine.Option(names = "--page", defaultValue = "1", description = "page number, from 1")
    private int page;

    @CommandLine.Option(names = "--limit", defaultValue = "20", description = "runs per page")
    private int limit;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (page < 1 || limit < 1) {
            spec.commandLine().getErr().println("baton audit list: --page and --limit must be at least 1");
            return BatonCommand.INVALID;
        }
        Instant from;
        Instant to;
        try {
            from = parseWhen(since);
            to = parseWhen(until);
        } catch (DateTimeParseException e) {
            spec.commandLine().getErr().println("baton audit list: not a date or time: '" + e.getParsedString()
                    + "' (use 2026-11-25 or 2026-11-25T10:00:00Z)");
            return BatonCommand.INVALID;
        }
        String wanted = status == null ? null : status.toUpperCase(Locale.ROOT);
        return AuditCommand.withStore(spec, db.db, (store, out, err) -> {
            AuditStore.Page<AuditStore.RunSummary> p = store.runs(new AuditStore.RunQuery(flow, wanted, from, to),
                    page - 1, limit);
            if (p.items().isEmpty()) {
                out.println(page == 1 ? "no runs recorded" + (flow != null || wanted != null || from != null
                        || to != null ? " that match" : "") : "no runs on page " + page);
                return BatonCommand.OK;
            }
            out.printf("%-40s  %-20s  %-13s  %8s  %5s  %s%n", "RUN", "STARTED (UTC)", "STATUS", "TOKENS", "CALLS",
                    "FLOW");
            for (AuditStore.RunSummary r : p.items()) {
                out.printf("%-40s  %-20s  %-13s  %8d  %5d  %s%n", AuditText.safe(r.runId()),
                        AuditText.time(r.startedAt()), r.status(), r.inputTokens() + r.outputTokens(), r.modelCalls(),
                        AuditText.safe(r.flowId()) + (r.simulated() ? " (simulated)" : ""));
            }
            if (p.hasMore()) {
                out.println("more runs: --page " + (page + 1));
            }
            return BatonCommand.OK;
        });
    }

    /** A date means its start of day in UTC; anything else must be an ISO instant. */
    private static Instant parseWhen(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneId.of("UTC")).toInstant();
        }
        return Instant.parse(text);
    }
}
