package dev.baton.cli;

import dev.baton.audit.AuditStore;
import dev.baton.audit.RunExport;
import dev.baton.audit.StoredEvents;
import dev.baton.secret.PrivateFiles;
import dev.baton.secret.Redactor;
import dev.baton.secret.SafeText;
import dev.baton.trace.OtlpFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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

    private final Redactor redactor;

    /** An export cleaned by a redactor of its own (picocli's default construction). */
    AuditExportCommand() {
        this(BatonCommand.programRedactor());
    }

    /** {@code redactor}: the program's instance; stored texts are redacted already, it adds the keys known now. */
    AuditExportCommand(Redactor redactor) {
        this.redactor = redactor;
    }

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
                    case "json" -> RunExport.json(r, events, redactor);
                    case "csv" -> RunExport.csv(events, redactor);
                    default -> otlp(events);
                };
            } catch (IllegalArgumentException e) {
                // a tampered payload cannot be turned back into an event; verify names the row
                err.println("baton audit export: " + e.getMessage() + " (baton audit verify names the changed row)");
                return BatonCommand.INVALID;
            }
            if (output == null) {
                // the text is redacted by value already: not through a redacting writer, which works on raw text
                RedactingPrintWriter.unwrap(out).print(text);
                return BatonCommand.OK;
            }
            try (Writer w = PrivateFiles.newWriter(output)) {
                w.write(text);
            } catch (IOException e) {
                err.println("baton audit export: cannot write " + output + ": " + SafeText.reason(e));
                return BatonCommand.INVALID;
            }
            out.println("exported " + events.size() + " events of " + r.runId() + " to " + output
                    + (fmt.equals("otlp") ? " (trace " + dev.baton.trace.TraceIds.traceId(r.runId()) + ")" : ""));
            return BatonCommand.OK;
        });
    }

    /** The run as one OTLP/JSON trace request, ending with a newline like the other formats. */
    private String otlp(List<AuditStore.StoredEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            OtlpFile.write(OtlpFile.spans(StoredEvents.decode(events), BatonVersion.version(), redactor), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory does not fail", e);
        }
        return bytes.toString(StandardCharsets.UTF_8) + "\n";
    }
}
