package dev.baton.cli;

import dev.baton.audit.AuditStore;
import dev.baton.audit.RunExport;
import dev.baton.audit.StoredEvents;
import dev.baton.trace.OtlpFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code baton audit export RUN --format json|csv|otlp}: one run's events, for spreadsheets and other tools. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export one run: JSON (the run and its events with payloads), CSV (one event per row) or OTLP "
                + "(an OpenTelemetry trace as OTLP/JSON, GenAI conventions).")
final class AuditExportCommand implements Callable<Integer> {

    @CommandLine.Mixin
    private AuditCommand.DbOption db;

    @Parameters(paramLabel = "RUN", description = "the run id, or any part of it that only one run has (e.g. its last 8 characters)")
    private String run;

    @CommandLine.Option(names = "--format", required = true, paramLabel = "json|csv|otlp",
            description = "json, csv or otlp")
    private String format;

    @CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here, not to stdout")
    private Path output;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("json") && !fmt.equals("csv") && !fmt.equals("otlp")) {
            spec.commandLine().getErr().println("baton audit export: unknown format '" + format
                    + "' (use json, csv or otlp)");
            return BatonCommand.INVALID;
        }
        return AuditCommand.withStore(spec, db.db, (store, out, err) -> {
            Optional<AuditStore.RunSummary> found = store.run(run);
            if (found.isEmpty()) {
                err.println("baton audit export: no run '" + run + "' in " + db.db);
                return BatonCommand.INVALID;
            }
            AuditStore.RunSummary r = found.get();
            List<AuditStore.StoredEvent> events = store.events(r.runId());
            String text;
            try {
                text = switch (fmt) {
                    case "json" -> RunExport.json(r, events);
                    case "csv" -> RunExport.csv(events);
                    default -> otlp(events);
                };
            } catch (IllegalArgumentException e) {
                // a tampered payload cannot be turned back into an event; verify names the row
                err.println("baton audit export: " + e.getMessage() + " (baton audit verify names the changed row)");
                return BatonCommand.INVALID;
            }
            if (output == null) {
                out.print(text);
                return BatonCommand.OK;
            }
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                w.write(text);
            } catch (IOException e) {
                err.println("baton audit export: cannot write " + output + ": " + e.getMessage());
                return BatonCommand.INVALID;
            }
            out.println("exported " + events.size() + " events of " + r.runId() + " to " + output
                    + (fmt.equals("otlp") ? " (trace " + dev.baton.trace.TraceIds.traceId(r.runId()) + ")" : ""));
            return BatonCommand.OK;
        });
    }

    /** The run as one OTLP/JSON trace request, ending with a newline like the other formats. */
    private static String otlp(List<AuditStore.StoredEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            OtlpFile.write(OtlpFile.spans(StoredEvents.decode(events), BatonVersion.version()), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory does not fail", e);
        }
        return bytes.toString(StandardCharsets.UTF_8) + "\n";
    }
}
