package dev.baton.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.baton.secret.Redactor;
import java.util.List;

/** One recorded run as an export file: JSON ({@code baton.audit-export/1}) or CSV. Shared by the CLI and the UI. */
public final class RunExport {

    /** The marker of the JSON export format. */
    public static final String FORMAT = "baton.audit-export/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunExport() {
    }

    /**
     * The run and every event with its payload (texts in place) and hash, pretty-printed, ending with a newline. An
     * event with long texts also carries {@code storedPayload}, the exact text its hash covers.
     */
    public static String json(AuditStore.RunSummary r, List<AuditStore.StoredEvent> events) {
        return json(r, events, Redactor.shapesOnly());
    }

    /**
     * As {@link #json(AuditStore.RunSummary, List)}, every text redacted by {@code redactor} (stored texts were
     * redacted when written; this removes keys the program knows now, by value so the JSON stays whole).
     */
    public static String json(AuditStore.RunSummary r, List<AuditStore.StoredEvent> events, Redactor redactor) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.set("run", JSON.valueToTree(new RunView(r)));
        ArrayNode list = root.putArray("events");
        for (AuditStore.StoredEvent e : events) {
            ObjectNode o = list.addObject();
            o.put("seq", e.seq());
            o.put("time", e.time().toString());
            o.put("kind", e.kind());
            o.put("nodeId", e.nodeId());
            o.put("edgeId", e.edgeId());
            o.set("payload", payload(e));
            if (e.storedPayload() != null && !e.storedPayload().equals(e.payload())) {
                // the hash covers the payload as stored (long texts by their text hashes): kept for recomputing it
                o.put("storedPayload", e.storedPayload());
            }
            o.put("hash", e.hash());
        }
        RedactedJson.tree(root, redactor);
        try {
            return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /** One event per row (RFC 4180, CRLF line ends), payloads as JSON text. */
    public static String csv(List<AuditStore.StoredEvent> events) {
        return csv(events, Redactor.shapesOnly());
    }

    /** As {@link #csv(List)}, every cell redacted by {@code redactor} (the payload by value, as JSON). */
    public static String csv(List<AuditStore.StoredEvent> events, Redactor redactor) {
        StringBuilder sb = new StringBuilder("run_id,seq,time,kind,node_id,edge_id,payload,hash\r\n");
        for (AuditStore.StoredEvent e : events) {
            sb.append(cell(redactor.redact(e.runId()))).append(',').append(e.seq()).append(',').append(e.time())
                    .append(',').append(cell(e.kind())).append(',').append(cell(redactor.redact(e.nodeId())))
                    .append(',').append(cell(redactor.redact(e.edgeId()))).append(',')
                    .append(cell(RedactedJson.text(e.payload(), redactor))).append(',')
                    .append(e.hash()).append("\r\n");
        }
        return sb.toString();
    }

    /** An event's payload as a tree; an unreadable (tampered) payload becomes {} — {@code audit verify} names it. */
    public static JsonNode payload(AuditStore.StoredEvent e) {
        try {
            return e.payload() == null ? JSON.createObjectNode() : JSON.readTree(e.payload());
        } catch (JsonProcessingException ex) {
            return JSON.createObjectNode();
        }
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
}
