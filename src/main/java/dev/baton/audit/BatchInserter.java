package dev.baton.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.engine.PartialHandler;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes queued events: run rows, event rows with their hash chain, and the derived handoff, decision and model-call
 * rows, staged batch by batch into one transaction that the writer commits when it decides. Used by the writer thread
 * only, so its per-run state needs no locks.
 */
final class BatchInserter {

    /** One queued event, with the flow's JSON when it starts a run. */
    record Item(RunEvent event, String flowJson, AuditListener owner) {
    }

    /** Per-run state kept between batches: the chain's last hash and the model calls in progress. */
    static final class RunState {
        String lastHash = "";
        long lastSeq;
        /** This run's number in the database (runs.run_no, the high half of its events' keys). */
        long runNo;
        /** The seal's first columns, as the run row was inserted ({@link AuditHashes#SEAL_COLUMNS}). */
        List<Object> startColumns = List.of();
        final Map<String, PendingCall> callByNode = new HashMap<>();
        /** Tool calls between their ToolCallRequested and ToolCallFinished, by node and call id. */
        final Map<String, Long> toolRequestByCall = new HashMap<>();
        final Map<String, String> toolArguments = new HashMap<>();
    }

    /** A model call between its ModelRequested and its reply or failure; {@code prompt} as stored. */
    private record PendingCall(long requestSeq, int turn, int messages, String prompt) {
    }

    private static final JsonFactory PROMPT_JSON = new JsonFactory();

    private Connection c;
    private final Map<String, RunState> runs = new HashMap<>();
    private PreparedStatement insertRun;
    private PreparedStatement insertEvent;
    private PreparedStatement insertHandoff;
    private PreparedStatement insertDecision;
    private PreparedStatement insertTool;
    private PreparedStatement insertCall;
    private PreparedStatement finishRun;
    private PreparedStatement insertFlow;
    /** This process, as runs.writer records it: readers and later writers tell a live run from a killed one. */
    private final String writerId;
    private final TextStore texts;
    /** Every text that reaches the database goes through it (or through {@link TextStore}, which uses it too). */
    private final Redactor redactor;
    /** Flow hashes known to be in {@code flows} (committed, or queued in the current batch). */
    private final Set<String> knownFlows = new HashSet<>();
    /** The last flow JSON seen and its hash: runs of one flow share the very same string, so redaction and hashing
     *  of ~8 KB happen once per flow, not once per run. */
    private String lastFlowJson;
    private String lastFlowHash;
    /** Transactions committed (the benchmark reports commits per run). */
    private long commits;
    /** The highest run number given out (runs.run_no); the next run gets the one after it. */
    private long lastRunNo;
    /** Runs whose terminal event is staged but not yet committed: their state is dropped at the commit. */
    private final List<String> ended = new ArrayList<>();
    /** Runs recorded piecewise by several processes (Temporal workers): their heads are read back. */
    private final SharedRuns shared;

    /** {@code textsByHash} false: every text inline, as schema version 1 wrote them (benchmark baseline). */
    BatchInserter(boolean textsByHash, String writerId, Redactor redactor) {
        this.writerId = writerId;
        this.redactor = redactor;
        texts = textsByHash ? new TextStore(redactor) : null;
        shared = new SharedRuns(runs, writerId);
    }

    /**
     * Prepares for batches on {@code c}. The writer holds the database only while it writes (other processes take
     * turns in between), so run numbers and text ids continue from what is stored at each attach.
     */
    void attach(Connection c) throws SQLException {
        this.c = c;
        c.setAutoCommit(false);
        shared.attach(c);
        if (texts != null) {
            texts.attach(c);
        }
        // flow_json stays NULL: the flow is stored once in flows, keyed by flow_sha256 (schema version 3)
        insertRun = c.prepareStatement("INSERT INTO runs (run_id, flow_id, flow_name, flow_sha256, input,"
                + " status, started_at, simulated, providers, run_no, writer)"
                + " VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)");
        insertFlow = c.prepareStatement("MERGE INTO flows (flow_sha256, flow_json) KEY (flow_sha256) VALUES (?, ?)");
        insertEvent = c.prepareStatement("INSERT INTO events (run_id, seq, event_time, kind, node_id, edge_id,"
                + " payload, hash, event_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(run_no), 0) FROM runs");
             java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            lastRunNo = rs.getLong(1);
        }
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
        // a long output is the RunFinished payload's text, already stored: the row only names it (output_text)
        finishRun = c.prepareStatement("UPDATE runs SET status = ?, output = ?, output_text = ?, status_detail = ?,"
                + " failed_node = ?,"
                + " ended_at = ?, input_tokens = ?, output_tokens = ?, model_calls = ?, elapsed_ms = ?, last_seq = ?,"
                + " last_event_type = ?, seal = ? WHERE run_id = ?");
        // flows another process stored are not known here; MERGE makes a second copy harmless anyway
    }

    /** Closes the statements of the connection the writer is about to close (between batches). */
    void detach() {
        close();
        c = null;
    }

    /**
     * Inserts the batch's rows into the open transaction without committing, so that little work is left when a run
     * ends and its events must be committed; on failure rolls back everything staged since the last commit (the
     * writer then stops: its chain heads are stale).
     */
    void stage(List<Item> batch) throws SQLException {
        boolean newRuns = false;
        boolean newFlows = false;
        boolean derived = false;
        boolean finished = false;
        try {
            for (Item item : batch) {
                RunEvent e = item.event();
                SharedRunProgress piece = item.owner() == null ? null : item.owner().shared();
                if (piece != null && !shared.admit(e, piece)) {
                    continue; // stored already, or after a gap: its sender learns which
                }
                if (e instanceof RunEvent.RunStarted s) {
                    newFlows |= addRun(s, item.flowJson());
                    newRuns = true;
                }
                addEvent(e);
                derived |= addDerived(e);
                finished |= addFinish(e);
                if (isTerminal(e)) {
                    ended.add(e.runId());
                }
            }
            if (newFlows) {
                insertFlow.executeBatch();
            }
            if (newRuns) {
                insertRun.executeBatch();
            }
            if (texts != null) {
                texts.executeBatch();
            }
            insertEvent.executeBatch();
            if (derived) {
                insertHandoff.executeBatch();
                insertDecision.executeBatch();
                insertCall.executeBatch();
                insertTool.executeBatch();
            }
            if (finished) {
                finishRun.executeBatch();
            }
        } catch (SQLException | RuntimeException ex) {
            rollback();
            throw ex;
        }
    }

    /** Commits everything staged; on failure rolls it back. */
    void commit() throws SQLException {
        try {
            c.commit();
            commits++;
        } catch (SQLException | RuntimeException ex) {
            rollback();
            throw ex;
        }
        if (texts != null) {
            texts.committed();
        }
        for (String runId : ended) {
            runs.remove(runId);
        }
        ended.clear();
        shared.committed();
    }

    private void rollback() throws SQLException {
        for (PreparedStatement ps : List.of(insertFlow, insertRun, insertEvent, insertHandoff, insertDecision,
                insertCall, insertTool, finishRun)) {
            ps.clearBatch();
        }
        knownFlows.clear(); // the writer stops after a failed batch; forget flows that may not be stored
        shared.ended();
        if (texts != null) {
            texts.clearBatch();
        }
        c.rollback();
    }

    static boolean isTerminal(RunEvent e) {
        return e instanceof RunEvent.RunFinished || e instanceof RunEvent.RunFailed
                || e instanceof RunEvent.RunCancelled;
    }

    /** Adds the run row, and the flow row when this flow is new; true when it added a flow row. */
    private boolean addRun(RunEvent.RunStarted s, String flowJson) throws SQLException {
        boolean newFlow = false;
        String hash = null;
        if (flowJson != null) {
            if (flowJson != lastFlowJson) {
                String json = EventCodec.redact(redactor, flowJson);
                String h = AuditHashes.sha256Hex(json);
                if (knownFlows.add(h)) {
                    insertFlow.setString(1, h);
                    insertFlow.setString(2, json);
                    insertFlow.addBatch();
                    newFlow = true;
                }
                lastFlowJson = flowJson;
                lastFlowHash = h;
            }
            hash = lastFlowHash;
        }
        RunState state = state(s.runId());
        String flowId = EventCodec.redact(redactor, s.flowId());
        String flowName = EventCodec.redact(redactor, s.flowName());
        String input = EventCodec.redact(redactor, s.input());
        String providers = EventCodec.redact(redactor, String.join(",", s.providers()));
        insertRun.setString(1, s.runId());
        insertRun.setString(2, flowId);
        insertRun.setString(3, flowName);
        insertRun.setString(4, hash);
        insertRun.setString(5, input);
        insertRun.setObject(6, s.time());
        insertRun.setBoolean(7, s.simulated());
        insertRun.setString(8, providers);
        insertRun.setLong(9, state.runNo);
        insertRun.setString(10, writerId);
        insertRun.addBatch();
        state.startColumns = java.util.Arrays.asList(s.runId(), state.runNo, flowId, flowName, hash, input,
                s.time(), s.simulated(), providers, writerId);
        return newFlow;
    }

    /** The run's state, numbering the run when it is new. */
    private RunState state(String runId) {
        RunState state = runs.get(runId);
        if (state == null) {
            state = new RunState();
            state.runNo = ++lastRunNo;
            runs.put(runId, state);
        }
        return state;
    }

    private void addEvent(RunEvent e) throws SQLException {
        RunState state = state(e.runId());
        EventCodec.Row row = EventCodec.encode(e, texts, redactor);
        String hash = AuditHashes.hash(state.lastHash, row.runId(), row.seq(), row.time(), row.kind(), row.nodeId(),
                row.edgeId(), row.payload());
        state.lastHash = hash;
        state.lastSeq = row.seq();
        insertEvent.setString(1, row.runId());
        insertEvent.setLong(2, row.seq());
        insertEvent.setObject(3, row.time());
        insertEvent.setString(4, row.kind());
        insertEvent.setString(5, row.nodeId());
        insertEvent.setString(6, row.edgeId());
        insertEvent.setString(7, row.payload());
        insertEvent.setString(8, hash);
        insertEvent.setLong(9, EventKeys.key(state.runNo, row.seq()));
        insertEvent.addBatch();
    }

    /** Adds the handoff, decision or model-call row an event implies; true when it added one. */
    private boolean addDerived(RunEvent e) throws SQLException {
        return e.accept(derived).add();
    }

    /** An insert an event implies; true when it added a row. */
    @FunctionalInterface
    private interface DerivedRow {
        boolean add() throws SQLException;
    }

    private final Derived derived = new Derived();

    /** The derived rows: model calls, tool calls, handoffs and decisions; every other event adds none. */
    private final class Derived extends PartialHandler<DerivedRow> {

        @Override
        protected DerivedRow otherwise(RunEvent e) {
            return () -> false;
        }

        @Override
        public DerivedRow on(RunEvent.ModelRequested r) {
            return () -> {
                RunState state = runs.get(r.runId());
                state.callByNode.put(r.nodeId(), new PendingCall(r.seq(), r.turn(), r.messages(), prompt(r)));
                return false;
            };
        }

        @Override
        public DerivedRow on(RunEvent.ModelResponded m) {
            return () -> {
                RunState state = runs.get(m.runId());
                PendingCall p = state.callByNode.remove(m.nodeId());
                addCall(m, p, m, null);
                return true;
            };
        }

        @Override
        public DerivedRow on(RunEvent.Retried r) {
            return () -> {
                RunState state = runs.get(r.runId());
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
                RunState state = runs.get(f.runId());
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
                RunState state = runs.get(q.runId());
                state.toolRequestByCall.put(q.nodeId() + "\n" + q.callId(), q.seq());
                state.toolArguments.put(q.nodeId() + "\n" + q.callId(), q.argumentsJson());
                return false;
            };
        }

        @Override
        public DerivedRow on(RunEvent.ToolCallFinished f) {
            return () -> {
                RunState state = runs.get(f.runId());
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
                setText(insertHandoff, 8, h.context());
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
    private void addTool(RunEvent.ToolCallFinished f, long requestSeq, RunState state) throws SQLException {
        insertTool.setString(1, f.runId());
        insertTool.setLong(2, f.seq());
        insertTool.setLong(3, requestSeq);
        insertTool.setString(4, EventCodec.redact(redactor, f.nodeId()));
        insertTool.setString(5, EventCodec.redact(redactor, f.callId()));
        insertTool.setString(6, EventCodec.redact(redactor, f.tool()));
        insertTool.setString(7, EventCodec.redact(redactor, f.server()));
        setText(insertTool, 8, state.toolArguments.remove(f.nodeId() + "\n" + f.callId()));
        insertTool.setBoolean(10, f.error());
        setText(insertTool, 11, f.content());
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
        setText(insertCall, 10, reply);
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

    /**
     * A text column at {@code index} and its text id column after it: the text inline when short, else its id.
     * Returns the text id written, or null.
     */
    private Long setText(PreparedStatement ps, int index, String text) throws SQLException {
        String inline = EventCodec.inline(text, texts, redactor);
        ps.setString(index, inline);
        if (inline != null || text == null) {
            ps.setNull(index + 1, Types.BIGINT);
            return null;
        }
        long id = texts.store(text).id();
        ps.setLong(index + 1, id);
        return id;
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private boolean addFinish(RunEvent e) throws SQLException {
        if (e instanceof RunEvent.RunFinished f) {
            addFinish(f, "SUCCEEDED", f.output(), null, f.totals());
        } else if (e instanceof RunEvent.RunFailed f) {
            addFinish(f, f.status().name(), null, f.cause(), f.totals());
        } else if (e instanceof RunEvent.RunCancelled f) {
            addFinish(f, "CANCELLED", null, f.reason(), f.totals());
        } else {
            return false;
        }
        return true;
    }

    private void addFinish(RunEvent e, String status, String output, String detail, RunTotals totals)
            throws SQLException {
        finishRun.setString(1, status);
        Long outputText = setText(finishRun, 2, output);
        String inlineOutput = outputText == null ? output == null ? null : EventCodec.inline(output, texts, redactor)
                : null;
        String redactedDetail = detail == null ? null : EventCodec.redact(redactor, detail);
        String failedNode = e.nodeId().isEmpty() ? null : EventCodec.redact(redactor, e.nodeId());
        long in = totals == null ? 0 : totals.inputTokens();
        long out = totals == null ? 0 : totals.outputTokens();
        int calls = totals == null ? 0 : totals.modelCalls();
        long elapsed = totals == null ? 0 : totals.elapsedMs();
        finishRun.setString(4, redactedDetail);
        finishRun.setString(5, failedNode);
        finishRun.setObject(6, e.time());
        finishRun.setLong(7, in);
        finishRun.setLong(8, out);
        finishRun.setInt(9, calls);
        finishRun.setLong(10, elapsed);
        finishRun.setLong(11, e.seq());
        finishRun.setString(12, e.type());
        RunState state = runs.get(e.runId());
        List<Object> columns = new ArrayList<>(state.startColumns);
        columns.addAll(java.util.Arrays.asList(status, inlineOutput, outputText, redactedDetail, failedNode, e.time(),
                in, out, calls, elapsed, e.seq(), e.type()));
        finishRun.setString(13, state.startColumns.isEmpty() ? null : AuditHashes.seal(state.lastHash, columns));
        finishRun.setString(14, e.runId());
        finishRun.addBatch();
    }

    /**
     * The instant at UTC, for queries and other writers. The batch statements pass the {@link Instant} itself: H2
     * stores it as the same TIMESTAMP WITH TIME ZONE at offset 0 without building an {@link OffsetDateTime} (and its
     * zone rules) for every event.
     */
    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    /** Chunks inserted, chunks found already stored, texts inserted (for the benchmark). */
    long[] textCounts() {
        return texts == null ? new long[3] : texts.counts();
    }

    long commits() {
        return commits;
    }

    void close() {
        if (texts != null) {
            texts.close();
        }
        for (PreparedStatement ps : new PreparedStatement[] {insertFlow, insertRun, insertEvent, insertHandoff,
            insertDecision, insertCall, insertTool, finishRun}) {
            try {
                if (ps != null) {
                    ps.close();
                }
            } catch (SQLException e) {
                // closing: nothing left to protect
            }
        }
    }
}
