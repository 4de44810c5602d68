package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.audit.AuditStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code baton audit export RUN --format json|csv}: one run's events, for spreadsheets and other tools. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export one run: JSON (the run and its events with payloads) or CSV (one event per row).")
final class AuditExportCommand implements Callable<Integer> {

    @CommandLine.Mixin
    private AuditCommand.DbOption db;

    @Parameters(paramLabel = "RUN", description = "the run id, or a unique beginning of it")
    private String run;

    @CommandLine.Option(names = "--format", required = true, paramLabel = "json|csv", description = "json or csv")
    private String format;

    @CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here, not to stdout")
    private Path output;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("json") && !fmt.equals("csv")) {
            spec.commandLine().getErr().println("baton audit export: unknown format '" + format
                    + "' (use json or csv)");
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
            String text = fmt.equals("json") ? json(r, events) : csv(events);
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
            out.println("exported " + events.size() + " events of " + r.runId() + " to " + output);
            return BatonCommand.OK;
        });
    }

    private static String json(AuditStore.RunSummary r, List<AuditStore.StoredEvent> events) {
        ObjectNode root = AuditText.JSON.createObjectNode();
        root.put("format", "baton.audit-export/1");
        root.set("run", AuditText.JSON.valueToTree(new RunView(r)));
        ArrayNode list = root.putArray("events");
        for (AuditStore.StoredEvent e : events) {
            ObjectNode o = list.addObject();
            o.put("seq", e.seq());
            o.put("time", e.time().toString());
            o.put("kind", e.kind());
            o.put("nodeId", e.nodeId());
            o.put("edgeId", e.edgeId());
            JsonNode payload = AuditText.payload(e);
            o.set("payload", payload);
            o.put("hash", e.hash());
        }
        try {
            return AuditText.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /** The run's fields as the export shows them (times as ISO text, no Jackson time module needed). */
    private record RunView(String runId, String flowId, String flowName, String flowSha256, String status,
                           String statusDetail, String startedAt, String endedAt, boolean simulated,
                           List<String> providers, long inputTokens, long outputTokens, int modelCalls,
                           long events, String input, String output) {
        RunView(AuditStore.RunSummary r) {
            this(r.runId(), r.flowId(), r.flowName(), r.flowSha256(), r.status(), r.statusDetail(),
                    String.valueOf(r.startedAt()), r.endedAt() == null ? null : r.endedAt().toString(),
                    r.simulated(), r.providers(), r.inputTokens(), r.outputTokens(), r.modelCalls(), r.lastSeq(),
                    r.input(), r.output());
        }
    }

    private static String csv(List<AuditStore.StoredEvent> events) {
        StringBuilder sb = new StringBuilder("run_id,seq,time,kind,node_id,edge_id,payload,hash\r\n");
        for (AuditStore.StoredEvent e : events) {
            sb.append(cell(e.runId())).append(',').append(e.seq()).append(',').append(e.time()).append(',')
                    .append(cell(e.kind())).append(',').append(cell(e.nodeId())).append(',')
                    .append(cell(e.edgeId())).append(',').append(cell(e.payload())).append(',')
                    .append(e.hash()).append("\r\n");
        }
        return sb.toString();
    }

    /** RFC 4180: quote when needed, double the quotes; a leading formula character is defused for spreadsheets. */
    private static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

}
