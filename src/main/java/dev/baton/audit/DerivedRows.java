package dev.baton.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.engine.PartialHandler;
import dev.baton.engine.RunEvent;
import dev.baton.engine.step.RetryReason;
import dev.baton.secret.Redactor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/**
 * The rows an event implies besides its own: handoffs, decisions, model calls and tool calls, staged into their batch
 * statements. Used by the writer thread only, through {@link BatchInserter}.
 */
final class DerivedRows {

    /** A model call between its ModelRequested and its reply or failure; {@code prompt} as stored. */
    record PendingCall(long requestSeq, int turn, int messages, String prompt) {
    }

    private static final JsonFactory PROMPT_JSON = new JsonFactory();

    private final Map<String, BatchInserter.RunState> runs;
    private final TextStore texts;
    private final Redactor redactor;
    private final TextColumns columns;
    private PreparedStatement insertHandoff;
    private PreparedStatement insertDecision;
    private PreparedStatement insertTool;
    private PreparedStatement insertCall;
    private final Derived derived = new Derived();

    DerivedRows(Map<String, BatchInserter.RunState> runs, TextStore texts, Redactor redactor, TextColumns columns) {
        this.runs = runs;
        this.texts = texts;
        this.redactor = redactor;
        this.columns = columns;
    }

    /** Prepares the four insert statements on the writer's connection. */
    void prepare(Connection c) throws SQLException {
        insertHandoff = c.prepareStatement("INSERT INTO handoffs (run_id, seq, from_node, to_node, edge_id, reason,"
                + " context_mode, context, context_text, handoff_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertDecision = c.prepareStatement("INSERT INTO decisions (run_id, seq, kind, node_id, subject, outcome,"
                + " rationale) VALUES (?, ?, ?, ?, ?, ?, ?)");
        insertTool = c.prepareStatement("INSERT INTO tool_calls (run_id, seq, request_seq, agent, call_id, tool,"
                + " server, arguments, arguments_text, error, result, result_text, duration_ms, bytes, truncated)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertCall = c.prepareStatement("INSERT INTO model_calls (run_id, seq, request_seq, agent, provider, model,"
                + " turn, messages, prompt, response, response_text, tool_calls, input_tokens, output_tokens,"
                + " tokens_reported, latency_ms, cost_usd, error)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** Adds the handoff, decision or model-call row an event implies; true when it added one. */
    boolean add(RunEvent e) throws SQLException {
        return e.accept(derived).add();
    }

    /** Sends the staged rows, in the order the foreign keys and readers expect. */
    void executeBatch() throws SQLException {
        insertHandoff.executeBatch();
        insertDecision.executeBatch();
        insertCall.executeBatch();
        insertTool.executeBatch();
    }

    /** Drops what is staged (the transaction is rolled back). */
    void clearBatch() throws SQLException {
        insertHandoff.clearBatch();
        insertDecision.clearBatch();
        insertCall.clearBatch();
        insertTool.clearBatch();
    }

    /** Closes the statements of a connection about to close; null before the first prepare. */
    void close() {
        BatchInserter.closeQuietly(insertHandoff);
        BatchInserter.closeQuietly(insertDecision);
        BatchInserter.closeQuietly(insertCall);
        BatchInserter.closeQuietly(insertTool);
    }

    /** An insert an event implies; true when it added a row. */
    @FunctionalInterface
    private interface DerivedRow {
        boolean add() throws SQLException;
    }

    /** The derived rows: model calls, tool calls, handoffs and decisions; every other event adds none. */
    private final class Derived extends PartialHandler<DerivedRow> {

        @Override
        protected DerivedRow otherwise(RunEvent e) {
            return () -> false;
        }

        @Override
        public DerivedRow on(RunEvent.ModelRequested r) {
            return () -> {
                BatchInserter.RunState state = runs.get(r.runId());
                state.callByNode.put(r.nodeId(), new PendingCall(r.seq(), r.turn(), r.messages(), prompt(r)));
                return false;
            };
        }

        @Override
        public DerivedRow on(RunEvent.ModelResponded m) {
            return () -> {
                BatchInserter.RunState state = runs.get(m.runId());
                PendingCall p = state.callByNode.remove(m.nodeId());
                addCall(m, p, m, null);
                return true;
            };
        }

        @Override
        public DerivedRow on(RunEvent.Retried r) {
            return () -> {
                BatchInserter.RunState state = runs.get(r.runId());
                // the call failed and will be made again: the failed attempt is a call of its own, with its error
                PendingCall p = r.reason() == RetryReason.PROVIDER ? state.callByNode.get(r.nodeId()) : null;
                if (p != null) {
                    addCall(r, p, null, r.cause());
                    return true;
                }
                return false;
            };
        }

        @Override
        public DerivedRow on(RunEvent.AgentFailed f) {
            return () -> {
                BatchInserter.RunState state = runs.get(f.runId());
                PendingCall p = state.callByNode.remove(f.nodeId());
                if (p != null) {
                    addCall(f, p, null, f.cause());
                    return true;
                }
                return false;
            };
        }

        @Override
        public DerivedRow on(RunEvent.ToolCallRequested q) {
            return () -> {
                BatchInserter.RunState state = runs.get(q.runId());
                state.toolRequestByCall.put(q.nodeId() + "\n" + q.callId(), q.seq());
                state.toolArguments.put(q.nodeId() + "\n" + q.callId(), q.argumentsJson());
                return false;
            };
        }

        @Override
        public DerivedRow on(RunEvent.ToolCallFinished f) {
            return () -> {
                BatchInserter.RunState state = runs.get(f.runId());
                Long requestSeq = state.toolRequestByCall.remove(f.nodeId() + "\n" + f.callId());
                addTool(f, requestSeq == null ? f.seq() : requestSeq, state);
                return true;
            };
        }

        @Override
        public DerivedRow on(RunEvent.Handoff h) {
            return () -> {
                insertHandoff.setString(1, h.runId());
                insertHandoff.setLong(2, h.seq());
                insertHandoff.setString(3, EventCodec.redact(redactor, h.from()));
                insertHandoff.setString(4, EventCodec.redact(redactor, h.to()));
                insertHandoff.setString(5, EventCodec.redact(redactor, h.edgeId()));
                insertHandoff.setString(6, EventCodec.redact(redactor, h.reason()));
                insertHandoff.setString(7, h.contextMode().name());
                columns.set(insertHandoff, 8, h.context());
                insertHandoff.setInt(10, h.handoffNumber());
                insertHandoff.addBatch();
                return true;
            };
        }

        @Override
        public DerivedRow on(RunEvent.Delegated d) {
            return () -> addDecision(d, "DELEGATION", d.supervisor(), d.worker(), "delegated", d.instruction());
        }

        @Override
        public DerivedRow on(RunEvent.JudgeDecision j) {
            return () -> addDecision(j, "JUDGE", j.nodeId(), j.winner(), j.winner(), j.rationale());
        }

        @Override
        public DerivedRow on(RunEvent.WorkerFailureHandled w) {
            return () -> addDecision(w, "WORKER_FAILURE", w.supervisor(), w.worker(), w.action(), w.cause());
        }

        @Override
        public DerivedRow on(RunEvent.RouteDecision r) {
            return () -> addDecision(r, "ROUTE", r.nodeId(), r.target(), "routed", r.reason());
        }

        @Override
        public DerivedRow on(RunEvent.ToolApprovalAnswered a) {
            return () -> {
                return addDecision(a, "TOOL_APPROVAL", a.nodeId(), a.tool(), a.decision(), approvalRationale(a.by(),
                        a.reason(), a.editedArguments()));
            };
        }

        @Override
        public DerivedRow on(RunEvent.CriticVerdict v) {
            return () -> {
                String why = v.failedChecks().isEmpty() ? v.feedback()
                        : v.feedback() + " (failed checks: " + String.join("; ", v.failedChecks()) + ")";
                return addDecision(v, "CRITIC_VERDICT", v.nodeId(), v.reviewedNode(), v.pass() ? "pass" : "fail", why);
            };
        }
    }

    /**
     * The exact messages as a JSON array of {role, name, text}; a long text as {@code text_id} (the text the event's
     * payload refers to). Null when the engine did not keep the messages.
     */
    private String prompt(RunEvent.ModelRequested r) throws SQLException {
        if (r.prompt().isEmpty()) {
            return null;
        }
        StringWriter out = new StringWriter(64 + 96 * r.prompt().size());
        try (JsonGenerator g = PROMPT_JSON.createGenerator(out)) {
            g.writeStartArray();
            for (RunEvent.PromptMessage m : r.prompt()) {
                g.writeStartObject();
                g.writeStringField("role", m.role());
                g.writeStringField("name", EventCodec.redact(redactor, m.name()));
                String inline = EventCodec.inline(m.text(), texts, redactor);
                if (inline != null) {
                    g.writeStringField("text", inline);
                } else {
                    g.writeNumberField(TextResolver.TEXT_ID_FIELD, texts.store(m.text()).id());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** A tool approval's rationale row text: who decided, why, and the arguments a person put in. */
    static String approvalRationale(String by, String reason, String editedArguments) {
        return "by " + by + (reason.isEmpty() ? "" : ": " + reason)
                + (editedArguments.isEmpty() ? "" : " [edited arguments: " + editedArguments + "]");
    }

    /** The tool_calls row of a finished call; its arguments are those of the matching request event. */
    private void addTool(RunEvent.ToolCallFinished f, long requestSeq, BatchInserter.RunState state)
            throws SQLException {
        insertTool.setString(1, f.runId());
        insertTool.setLong(2, f.seq());
        insertTool.setLong(3, requestSeq);
        insertTool.setString(4, EventCodec.redact(redactor, f.nodeId()));
        insertTool.setString(5, EventCodec.redact(redactor, f.callId()));
        insertTool.setString(6, EventCodec.redact(redactor, f.tool()));
        insertTool.setString(7, EventCodec.redact(redactor, f.server()));
        columns.set(insertTool, 8, state.toolArguments.remove(f.nodeId() + "\n" + f.callId()));
        insertTool.setBoolean(10, f.error());
        columns.set(insertTool, 11, f.content());
        insertTool.setLong(13, f.durationMs());
        insertTool.setLong(14, f.bytes());
        insertTool.setBoolean(15, f.truncated());
        insertTool.addBatch();
    }

    private boolean addDecision(RunEvent e, String kind, String node, String subject, String outcome,
                                String rationale) throws SQLException {
        insertDecision.setString(1, e.runId());
        insertDecision.setLong(2, e.seq());
        insertDecision.setString(3, kind);
        insertDecision.setString(4, EventCodec.redact(redactor, node));
        insertDecision.setString(5, EventCodec.redact(redactor, subject));
        insertDecision.setString(6, EventCodec.redact(redactor, outcome));
        insertDecision.setString(7, EventCodec.redact(redactor, rationale));
        insertDecision.addBatch();
        return true;
    }

    private void addCall(RunEvent e, PendingCall p, RunEvent.ModelResponded m, String error) throws SQLException {
        insertCall.setString(1, e.runId());
        insertCall.setLong(2, e.seq());
        insertCall.setLong(3, p == null ? e.seq() : p.requestSeq());
        insertCall.setString(4, EventCodec.redact(redactor, e.nodeId()));
        insertCall.setString(5, m == null ? null : m.provider());
        insertCall.setString(6, m == null ? null : m.model());
        insertCall.setInt(7, p == null ? 0 : p.turn());
        insertCall.setInt(8, p == null ? 0 : p.messages());
        insertCall.setString(9, p == null ? null : p.prompt());
        String reply = m == null || m.text().isEmpty() ? null : m.text();
        columns.set(insertCall, 10, reply);
        insertCall.setString(12, m == null ? null : EventCodec.redact(redactor, String.join(",", m.toolCalls())));
        setInt(insertCall, 13, m == null ? null : m.inputTokens());
        setInt(insertCall, 14, m == null ? null : m.outputTokens());
        if (m == null) {
            insertCall.setNull(15, Types.BOOLEAN);
            insertCall.setNull(16, Types.BIGINT);
        } else {
            insertCall.setBoolean(15, m.tokensReported());
            insertCall.setLong(16, m.latencyMs());
        }
        if (m == null || m.costUsd() == null) {
            insertCall.setNull(17, Types.DECIMAL); // unknown price: no cost rather than a guessed one
        } else {
            insertCall.setBigDecimal(17, BigDecimal.valueOf(m.costUsd()));
        }
        insertCall.setString(18, error == null ? null : EventCodec.redact(redactor, error));
        insertCall.addBatch();
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
