package dev.baton.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the rows derived from events — handoffs, decisions, model calls, tool calls — against the events themselves. The hash
 * chain covers the events only; an auditor reads "who handed what to whom" from {@code handoffs} and costs from
 * {@code model_calls}, so a row edited there must not pass {@code audit verify} either.
 *
 * <p>Each row must stand at an event of a kind that yields it, and every column that the writer copied from the event
 * must still say what the event says: names, numbers, tokens, latency, cost, and texts (a short text compared as it
 * is, a long one by the hash of its stored text). Not compared: a long text the row keeps inline while the event
 * stores it as a text (a decision's rationale of 256 characters or more; redaction of the two forms may differ at a
 * chunk boundary), and a cost the row does not state (databases written before costs were stored have none). A model
 * call's turn, number of messages and prompt are compared with its ModelRequested event.
 */
final class DerivedRowVerifier {

    /** Where a break goes: the run, the event number, what is wrong. */
    interface Sink {
        void add(String run, long seq, String reason);
    }

    private final TextVerifier texts;
    private final Sink sink;

    private DerivedRowVerifier(TextVerifier texts, Sink sink) {
        this.texts = texts;
        this.sink = sink;
    }

    /**
     * Checks all three tables; {@code keyed}: events are keyed by run number (schema version 5), else by
     * {@code (run_id, seq)}.
     */
    static void check(Connection c, boolean keyed, TextVerifier texts, Sink sink) throws SQLException {
        DerivedRowVerifier v = new DerivedRowVerifier(texts, sink);
        boolean textColumns = AuditSchema.hasTextTables(c);
        v.handoffs(c, from(keyed, "handoffs"), textColumns);
        v.decisions(c, from(keyed, "decisions"));
        v.modelCalls(c, from(keyed, "model_calls", "q", "d.request_seq"), textColumns);
        if (AuditSchema.hasToolCallsTable(c)) {
            v.toolCalls(c, from(keyed, "tool_calls", "q", "d.request_seq"));
        }
    }

    /**
     * Tool calls with their own ToolCallFinished event and ({@code q}) the ToolCallRequested event of the same agent
     * and call id that holds their arguments.
     */
    private void toolCalls(Connection c, String from) throws SQLException {
        String sql = "SELECT d.run_id, d.seq, e.kind, e.payload, e.node_id, d.agent, d.call_id, d.tool, d.server,"
                + " d.error, d.result, d.result_text, d.duration_ms, d.bytes, d.truncated, d.arguments,"
                + " d.arguments_text, d.request_seq, q.kind, q.payload, q.node_id" + from;
        eachRow(c, sql, "tool call", List.of("ToolCallFinished"), (rs, row, differ) -> {
            JsonNode p = row.payload;
            same(differ, "agent", rs.getString(6), rs.getString(5));
            text(differ, "call_id", rs.getString(7), p, "/callId");
            text(differ, "tool", rs.getString(8), p, "/tool");
            text(differ, "server", rs.getString(9), p, "/server");
            same(differ, "error", String.valueOf(rs.getBoolean(10)), p.path("error").asText());
            textOrId(differ, "result", rs.getString(11), rs.getObject(12), p, "/content");
            same(differ, "duration_ms", rs.getString(13), p.path("durationMs").asText());
            same(differ, "bytes", rs.getString(14), p.path("bytes").asText());
            same(differ, "truncated", String.valueOf(rs.getBoolean(15)), p.path("truncated").asText());
            if (rs.getLong(18) == rs.getLong(2) && rs.getString(16) == null && rs.getObject(17) == null) {
                return; // the writer saw no request for this call: nothing to compare
            }
            JsonNode q = TextResolver.parse(rs.getString(20));
            if (!"ToolCallRequested".equals(rs.getString(19)) || q == null
                    || !Objects.equals(rs.getString(21), rs.getString(6))
                    || !q.path("callId").asText().equals(p.path("callId").asText())) {
                differ.add("request_seq");
                return;
            }
            textOrId(differ, "arguments", rs.getString(16), rs.getObject(17), q, "/argumentsJson");
        });
    }

    /**
     * The rows of {@code table} (as {@code d}) with their run ({@code r}), their own event ({@code e}) and, for each
     * further alias, the event at the given column (e.g. {@code q} at {@code d.request_seq}), in run and event order.
     */
    private static String from(boolean keyed, String table, String... aliasAndSeq) {
        StringBuilder sql = new StringBuilder(" FROM " + table + " d LEFT JOIN runs r ON r.run_id = d.run_id")
                .append(eventJoin(keyed, "e", "d.seq"));
        for (int i = 0; i < aliasAndSeq.length; i += 2) {
            sql.append(eventJoin(keyed, aliasAndSeq[i], aliasAndSeq[i + 1]));
        }
        return sql.append(" ORDER BY d.run_id, d.seq").toString();
    }

    /** Joins the event of the row's run at {@code seq}: by its key (version 5) or by (run_id, seq). */
    private static String eventJoin(boolean keyed, String alias, String seq) {
        return " LEFT JOIN events " + alias + " ON " + (keyed
                ? alias + ".event_key = r.run_no * " + EventKeys.RUN_SPAN + " + " + seq
                : alias + ".run_id = d.run_id AND " + alias + ".seq = " + seq);
    }

    private void handoffs(Connection c, String from, boolean textColumns) throws SQLException {
        String sql = "SELECT d.run_id, d.seq, e.kind, e.payload, e.edge_id, d.from_node, d.to_node, d.edge_id,"
                + " d.reason, d.context_mode, d.handoff_number, d.context, "
                + (textColumns ? "d.context_text" : "NULL") + from;
        eachRow(c, sql, "handoff", List.of("Handoff"), (rs, row, differ) -> {
            text(differ, "from_node", rs.getString(6), row.payload, "/from");
            text(differ, "to_node", rs.getString(7), row.payload, "/to");
            same(differ, "edge_id", rs.getString(8), rs.getString(5));
            text(differ, "reason", rs.getString(9), row.payload, "/reason");
            text(differ, "context_mode", rs.getString(10), row.payload, "/contextMode");
            same(differ, "handoff_number", rs.getString(11), row.payload.path("handoffNumber").asText());
            textOrId(differ, "context", rs.getString(12), rs.getObject(13), row.payload, "/context");
        });
    }

    /** One table's check of one row: adds each column that differs from the row's event to {@code differ}. */
    private interface RowCheck {
        void compare(ResultSet rs, Row row, List<String> differ) throws SQLException;
    }

    /** Runs {@code sql} and checks each row that stands at an event of one of {@code kinds}, reporting what differs. */
    private void eachRow(Connection c, String sql, String what, List<String> kinds, RowCheck check)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Row row = row(rs, what, kinds);
                if (row == null) {
                    continue;
                }
                List<String> differ = new ArrayList<>();
                check.compare(rs, row, differ);
                row.report(differ);
            }
        }
    }

    private void decisions(Connection c, String from) throws SQLException {
        String sql = "SELECT d.run_id, d.seq, e.kind, e.payload, e.node_id, d.kind, d.node_id, d.subject, d.outcome,"
                + " d.rationale" + from;
        eachRow(c, sql, "decision", List.of("Delegated", "JudgeDecision", "CriticVerdict",
                "WorkerFailureHandled", "RouteDecision", "ToolApprovalAnswered"), (rs, row, differ) -> {
            JsonNode p = row.payload;
            String eventNode = rs.getString(5);
            String rationale = rs.getString(10);
            switch (row.kind) {
                case "Delegated" -> {
                    same(differ, "kind", rs.getString(6), "DELEGATION");
                    text(differ, "node_id", rs.getString(7), p, "/supervisor");
                    text(differ, "subject", rs.getString(8), p, "/worker");
                    same(differ, "outcome", rs.getString(9), "delegated");
                    text(differ, "rationale", rationale, p, "/instruction");
                }
                case "JudgeDecision" -> {
                    same(differ, "kind", rs.getString(6), "JUDGE");
                    same(differ, "node_id", rs.getString(7), eventNode);
                    text(differ, "subject", rs.getString(8), p, "/winner");
                    text(differ, "outcome", rs.getString(9), p, "/winner");
                    text(differ, "rationale", rationale, p, "/rationale");
                }
                case "WorkerFailureHandled" -> {
                    same(differ, "kind", rs.getString(6), "WORKER_FAILURE");
                    text(differ, "node_id", rs.getString(7), p, "/supervisor");
                    text(differ, "subject", rs.getString(8), p, "/worker");
                    text(differ, "outcome", rs.getString(9), p, "/action");
                    text(differ, "rationale", rationale, p, "/cause");
                }
                case "ToolApprovalAnswered" -> {
                    same(differ, "kind", rs.getString(6), "TOOL_APPROVAL");
                    same(differ, "node_id", rs.getString(7), eventNode);
                    text(differ, "subject", rs.getString(8), p, "/tool");
                    text(differ, "outcome", rs.getString(9), p, "/decision");
                    if (!isStoredText(p, "/reason") && !isStoredText(p, "/editedArguments")) {
                        same(differ, "rationale", rationale, DerivedRows.approvalRationale(p.path("by").asText(),
                                p.path("reason").asText(), p.path("editedArguments").asText()));
                    }
                }
                case "RouteDecision" -> {
                    same(differ, "kind", rs.getString(6), "ROUTE");
                    same(differ, "node_id", rs.getString(7), eventNode);
                    text(differ, "subject", rs.getString(8), p, "/target");
                    same(differ, "outcome", rs.getString(9), "routed");
                    text(differ, "rationale", rationale, p, "/reason");
                }
                default -> {
                    same(differ, "kind", rs.getString(6), "CRITIC_VERDICT");
                    same(differ, "node_id", rs.getString(7), eventNode);
                    text(differ, "subject", rs.getString(8), p, "/reviewedNode");
                    same(differ, "outcome", rs.getString(9), p.path("pass").asBoolean() ? "pass" : "fail");
                    if (!isStoredText(p, "/feedback")) {
                        List<String> checks = new ArrayList<>();
                        p.path("failedChecks").forEach(n -> checks.add(n.asText()));
                        String why = checks.isEmpty() ? p.path("feedback").asText()
                                : p.path("feedback").asText() + " (failed checks: " + String.join("; ", checks)
                                + ")";
                        same(differ, "rationale", rationale, why);
                    }
                }
            }
        });
    }

    /** Model calls with their own event and ({@code q}) the ModelRequested event that holds their prompt. */
    private void modelCalls(Connection c, String from, boolean textColumns) throws SQLException {
        String sql = "SELECT d.run_id, d.seq, e.kind, e.payload, e.node_id, d.agent, d.provider, d.model,"
                + " d.input_tokens, d.output_tokens, d.tokens_reported, d.latency_ms, d.cost_usd, d.error,"
                + " d.response, " + (textColumns ? "d.response_text" : "NULL") + ", q.kind, q.payload, q.node_id,"
                + " d.prompt, d.turn, d.messages, d.request_seq, r.flow_json IS NOT NULL" + from;
        eachRow(c, sql, "model call", List.of("ModelResponded", "Retried", "AgentFailed"), (rs, row, differ) -> {
            JsonNode p = row.payload;
            same(differ, "agent", rs.getString(6), rs.getString(5));
            if (row.kind.equals("ModelResponded")) {
                text(differ, "provider", rs.getString(7), p, "/provider");
                text(differ, "model", rs.getString(8), p, "/model");
                same(differ, "input_tokens", rs.getString(9), p.path("inputTokens").asText());
                same(differ, "output_tokens", rs.getString(10), p.path("outputTokens").asText());
                same(differ, "tokens_reported", String.valueOf(rs.getBoolean(11)),
                        p.path("tokensReported").asText());
                same(differ, "latency_ms", rs.getString(12), p.path("latencyMs").asText());
                // a cost the row states must be the event's; rows written before the writer stored costs have
                // none while their events may have one, so a missing cost is not a difference
                BigDecimal cost = rs.getBigDecimal(13);
                JsonNode eventCost = p.path("costUsd");
                if (cost != null && !(eventCost.isNumber() && cost.subtract(BigDecimal.valueOf(
                        eventCost.asDouble())).abs().compareTo(new BigDecimal("0.00000001")) <= 0)) {
                    differ.add("cost_usd");
                }
                String reply = p.path("text").asText("");
                if (!reply.isEmpty() || p.has("text") && (rs.getString(15) != null || rs.getObject(16) != null)) {
                    textOrId(differ, "response", rs.getString(15), rs.getObject(16), p, "/text");
                }
            } else {
                text(differ, "error", rs.getString(14), p, "/cause");
            }
            request(differ, rs);
        });
    }

    /**
     * The call's request: a ModelRequested event of the same agent, the same turn and number of messages, and the
     * prompt column holding its messages (a long text by the hash of its stored text). A call the writer saw no
     * request for (request_seq = seq, no prompt) has nothing to compare; a run recorded before schema version 3 (its
     * flow JSON still in runs) kept the agent's input as plain text there instead of the messages.
     */
    private void request(List<String> differ, ResultSet rs) throws SQLException {
        String prompt = rs.getString(20);
        long requestSeq = rs.getLong(23);
        if (prompt == null && requestSeq == rs.getLong(2)) {
            return;
        }
        if (!"ModelRequested".equals(rs.getString(17)) || !Objects.equals(rs.getString(19), rs.getString(6))) {
            differ.add("request_seq");
            return;
        }
        JsonNode q = TextResolver.parse(rs.getString(18));
        if (q == null) {
            return; // an unreadable payload is the chain's business
        }
        same(differ, "turn", rs.getString(21), q.path("turn").asText());
        same(differ, "messages", rs.getString(22), q.path("messages").asText());
        JsonNode messages = q.path("prompt");
        if (!messages.isArray()) {
            return; // events written before the engine kept the messages
        }
        if (prompt == null) {
            if (!messages.isEmpty()) {
                differ.add("prompt");
            }
            return;
        }
        JsonNode stored = TextResolver.parse(prompt);
        if (stored == null || !stored.isArray()) {
            if (!rs.getBoolean(24)) {
                differ.add("prompt");
            }
            return;
        }
        if (stored.size() != messages.size()) {
            differ.add("prompt");
            return;
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            JsonNode r = stored.get(i);
            String pointer = "/prompt/" + i + "/text";
            boolean textSame;
            if (isStoredText(q, pointer)) {
                JsonNode id = r.path(TextResolver.TEXT_ID_FIELD);
                textSame = !r.has("text") && id.canConvertToLong()
                        && m.path("text").asText().equals(texts.hash(id.asLong()));
            } else {
                textSame = !r.has(TextResolver.TEXT_ID_FIELD)
                        && norm(r.path("text").asText(null)).equals(norm(m.path("text").asText(null)));
            }
            if (!textSame || !r.path("role").asText("").equals(m.path("role").asText(""))
                    || !r.path("name").asText("").equals(m.path("name").asText(""))) {
                differ.add("prompt");
                return;
            }
        }
    }

    /** The row's event, or null (reported) when it has none or one of another kind. */
    private Row row(ResultSet rs, String what, List<String> kinds) throws SQLException {
        String run = rs.getString(1);
        long seq = rs.getLong(2);
        String kind = rs.getString(3);
        if (kind == null || !kinds.contains(kind)) {
            sink.add(run, seq, what + " row #" + seq + (kind == null ? " has no event #" + seq + " in its run"
                    : " stands at event #" + seq + ", a " + kind + " event: it was moved or added"));
            return null;
        }
        JsonNode payload = TextResolver.parse(rs.getString(4));
        if (payload == null) {
            return null; // an unreadable payload is the chain's business
        }
        return new Row(run, seq, kind, what, payload);
    }

    private final class Row {
        final String run;
        final long seq;
        final String kind;
        final String what;
        final JsonNode payload;

        Row(String run, long seq, String kind, String what, JsonNode payload) {
            this.run = run;
            this.seq = seq;
            this.kind = kind;
            this.what = what;
            this.payload = payload;
        }

        void report(List<String> differ) {
            if (!differ.isEmpty()) {
                sink.add(run, seq, what + " row #" + seq + " does not match its " + kind + " event: "
                        + String.join(", ", differ) + (differ.size() == 1 ? " differs" : " differ")
                        + " (the row was changed)");
            }
        }
    }

    private static boolean isStoredText(JsonNode payload, String pointer) {
        return payload.path(EventCodec.TEXTS_FIELD).has(pointer);
    }

    /** A text column copied inline from the event; a long event text (stored as a text) is not compared. */
    private static void text(List<String> differ, String column, String row, JsonNode payload, String pointer) {
        if (!isStoredText(payload, pointer)) {
            JsonNode v = payload.at(pointer);
            same(differ, column, row, v.isMissingNode() || v.isNull() ? "" : v.asText());
        }
    }

    /** A text column that holds a short text itself or a long one as a text id (compared by the text's hash). */
    private void textOrId(List<String> differ, String column, String inline, Object textId, JsonNode payload,
                          String pointer) {
        if (isStoredText(payload, pointer)) {
            String expected = payload.at(pointer).asText();
            String stored = textId instanceof Number n ? texts.hash(n.longValue()) : null;
            if (inline != null || !expected.equals(stored)) {
                differ.add(column);
            }
        } else {
            JsonNode v = payload.at(pointer);
            if (textId != null || !Objects.equals(norm(inline), v.isMissingNode() || v.isNull() ? "" : v.asText())) {
                differ.add(column);
            }
        }
    }

    private static void same(List<String> differ, String column, String row, String event) {
        if (!Objects.equals(norm(row), norm(event))) {
            differ.add(column);
        }
    }

    private static String norm(String s) {
        return s == null ? "" : s;
    }
}
