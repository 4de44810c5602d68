package dev.baton.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AuditStore} over an H2 audit database opened read-only (it never creates or migrates one). */
public final class H2AuditStore implements AuditStore {

    private static final String RUN_COLUMNS = "run_id, flow_id, flow_name, status, status_detail, failed_node,"
            + " started_at, ended_at, simulated, providers, input_tokens, output_tokens, model_calls, last_seq,"
            + " input, output, flow_sha256";
    /** Column 18 of a run query: the long output's text id (schema version 3), else NULL. */
    private static final String OUTPUT_TEXT = ", output_text";
    private static final String NO_OUTPUT_TEXT = ", CAST(NULL AS BIGINT)";

    private final Connection c;
    private final Path file;
    /** This process's turn on the database ({@link AuditGate}), held while the store is open. */
    private final AuditGate.Hold hold;
    /** Schema version 7 or later: runs name their writer process. */
    private final boolean writerRecorded;
    private final TextResolver texts;
    /** Schema version 3 or later: flows are stored once in their own table. */
    private final boolean flowsStoredOnce;
    /** Schema version 5 or later: events are keyed by run number and sequence ({@link EventKeys}). */
    private final boolean eventsKeyed;

    private H2AuditStore(Connection c, Path file, AuditGate.Hold hold) throws SQLException {
        this.c = c;
        this.file = file;
        this.hold = hold;
        this.writerRecorded = AuditSchema.hasWriterColumn(c);
        this.texts = new TextResolver(c);
        this.flowsStoredOnce = AuditSchema.hasFlowsTable(c);
        this.eventsKeyed = AuditSchema.eventsKeyed(c);
    }

    /** Opens an existing audit database for reading (version 1 databases too, without migrating them). */
    public static H2AuditStore open(Path database) throws AuditException {
        Path file = AuditPaths.dataFile(database);
        if (!java.nio.file.Files.exists(file)) {
            AuditDatabase.openForReading(database); // says that there is none, without creating a gate file
        }
        AuditGate.Hold hold = AuditGate.acquire(database, false);
        Connection c;
        try {
            c = AuditDatabase.openForReading(database);
        } catch (AuditException | RuntimeException e) {
            hold.close();
            throw e;
        }
        try {
            return new H2AuditStore(c, file, hold);
        } catch (SQLException e) {
            AuditDatabase.closeReadingQuietly(c);
            hold.close();
            throw AuditErrors.translate(e, file);
        } catch (RuntimeException e) {
            AuditDatabase.closeReadingQuietly(c);
            hold.close();
            throw AuditErrors.damaged(file, e);
        }
    }

    @Override
    public Page<RunSummary> runs(RunQuery q, int page, int pageSize) throws AuditException {
        StringBuilder sql = new StringBuilder("SELECT " + runColumns() + " FROM runs WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.flowId() != null) {
            sql.append(" AND flow_id = ?");
            args.add(q.flowId());
        }
        boolean liveness = "RUNNING".equals(q.status()) || "INTERRUPTED".equals(q.status());
        if (liveness) {
            // a RUNNING row whose writer is gone reads as INTERRUPTED: fetch both, filter after
            sql.append(" AND status IN ('RUNNING', 'INTERRUPTED')");
        } else if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.from() != null) {
            sql.append(" AND started_at >= ?");
            args.add(BatchInserter.utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND started_at < ?");
            args.add(BatchInserter.utc(q.to()));
        }
        // one row more than asked tells whether another page follows
        sql.append(" ORDER BY started_at DESC, run_id LIMIT ? OFFSET ?");
        args.add(pageSize + 1);
        args.add((long) page * pageSize);
        List<RunSummary> rows = summaries(sql.toString(), args);
        if (liveness) {
            rows = rows.stream().filter(r -> r.status().equals(q.status())).toList();
        }
        boolean more = rows.size() > pageSize;
        return new Page<>(more ? rows.subList(0, pageSize) : rows, page, pageSize, more);
    }

    @Override
    public Optional<RunSummary> run(String idOrPart) throws AuditException {
        List<RunSummary> exact = summaries("SELECT " + runColumns() + " FROM runs WHERE run_id = ?",
                List.of(idOrPart));
        if (!exact.isEmpty()) {
            return Optional.of(exact.get(0));
        }
        // any part, not only the beginning: run ids begin with their time (version-7 UUIDs), so runs of the same
        // minute share their first characters while their last ones are random
        String escaped = idOrPart.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        List<RunSummary> byPart = summaries("SELECT " + runColumns() + " FROM runs WHERE run_id LIKE ? ESCAPE '\\'"
                + " LIMIT 2", List.of("%" + escaped + "%"));
        if (byPart.size() > 1) {
            throw new AuditException("'" + idOrPart + "' matches several runs: give more of the run id");
        }
        return byPart.stream().findFirst();
    }

    @Override
    public Optional<String> flowJson(String runId) throws AuditException {
        // schema version 3 stores each flow once (run_flows joins it back); older databases keep it in runs
        String sql = flowsStoredOnce ? "SELECT flow_json FROM run_flows WHERE run_id = ?"
                : "SELECT flow_json FROM runs WHERE run_id = ?";
        return query(sql, List.of(runId), rs -> rs.getString(1)).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    public List<StoredEvent> events(String runId) throws AuditException {
        String columns = "SELECT run_id, seq, event_time, kind, node_id, edge_id, payload, hash FROM events";
        List<StoredEvent> stored = query(eventsKeyed ? columns + " WHERE event_key BETWEEN ? AND ? ORDER BY event_key"
                : columns + " WHERE run_id = ? ORDER BY seq", eventsOf(runId), rs -> new StoredEvent(
                rs.getString(1), rs.getLong(2), instant(rs, 3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8)));
        List<String> payloads = resolve(() -> texts.resolvePayloads(stored.stream().map(StoredEvent::payload)
                .toList()));
        List<StoredEvent> events = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            StoredEvent e = stored.get(i);
            events.add(new StoredEvent(e.runId(), e.seq(), e.time(), e.kind(), e.nodeId(), e.edgeId(),
                    payloads.get(i), e.hash(), e.payload()));
        }
        return events;
    }

    @Override
    public List<HandoffRecord> handoffs(String runId) throws AuditException {
        String contextText = hasTexts() ? "context_text" : "CAST(NULL AS BIGINT)";
        List<WithText<HandoffRecord>> stored = query("SELECT run_id, seq, from_node, to_node, edge_id, reason,"
                + " context_mode, context, handoff_number, " + contextText + " FROM handoffs WHERE run_id = ?"
                + " ORDER BY seq", List.of(runId), rs -> new WithText<>(new HandoffRecord(rs.getString(1),
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getInt(9)), rs.getObject(10, Long.class)));
        Map<Long, String> bodies = bodiesOf(stored);
        return stored.stream().map(w -> {
            HandoffRecord h = w.row();
            return new HandoffRecord(h.runId(), h.seq(), h.from(), h.to(), h.edgeId(), h.reason(), h.contextMode(),
                    w.text(h.context(), bodies), h.handoffNumber());
        }).toList();
    }

    @Override
    public List<DecisionRecord> decisions(String runId) throws AuditException {
        return query("SELECT run_id, seq, kind, node_id, subject, outcome, rationale FROM decisions"
                + " WHERE run_id = ? ORDER BY seq", List.of(runId), rs -> new DecisionRecord(rs.getString(1),
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
    }

    @Override
    public List<ModelCallRecord> modelCalls(String runId) throws AuditException {
        String responseText = hasTexts() ? "response_text" : "CAST(NULL AS BIGINT)";
        List<WithText<ModelCallRecord>> stored = query("SELECT run_id, seq, request_seq, agent, provider, model,"
                + " turn, prompt, response, input_tokens, output_tokens, latency_ms, cost_usd, error, " + responseText
                + " FROM model_calls WHERE run_id = ? ORDER BY seq", List.of(runId), rs -> new WithText<>(
                new ModelCallRecord(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9),
                        rs.getObject(10, Integer.class), rs.getObject(11, Integer.class),
                        rs.getObject(12, Long.class), rs.getObject(13, Double.class), rs.getString(14)),
                rs.getObject(15, Long.class)));
        Map<Long, String> bodies = bodiesOf(stored);
        List<String> prompts = resolve(() -> texts.resolvePrompts(stored.stream().map(w -> w.row().prompt())
                .toList()));
        List<ModelCallRecord> calls = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            WithText<ModelCallRecord> w = stored.get(i);
            ModelCallRecord m = w.row();
            calls.add(new ModelCallRecord(m.runId(), m.seq(), m.requestSeq(), m.agent(), m.provider(), m.model(),
                    m.turn(), prompts.get(i), w.text(m.response(), bodies), m.inputTokens(), m.outputTokens(),
                    m.latencyMs(), m.costUsd(), m.error()));
        }
        return calls;
    }

    @Override
    public List<ToolCallRecord> toolCalls(String runId) throws AuditException {
        if (!resolve(() -> AuditSchema.hasToolCallsTable(c))) {
            return List.of();
        }
        record Stored(ToolCallRecord row, Long argumentsText, Long resultText) { }
        List<Stored> stored = query("SELECT run_id, seq, request_seq, agent, call_id, tool, server, arguments,"
                + " error, result, duration_ms, bytes, truncated, arguments_text, result_text FROM tool_calls"
                + " WHERE run_id = ? ORDER BY seq", List.of(runId), rs -> new Stored(new ToolCallRecord(
                rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getString(10), rs.getLong(11),
                rs.getLong(12), rs.getBoolean(13)), rs.getObject(14, Long.class), rs.getObject(15, Long.class)));
        List<Long> ids = new ArrayList<>();
        stored.forEach(st -> {
            if (st.argumentsText() != null) {
                ids.add(st.argumentsText());
            }
            if (st.resultText() != null) {
                ids.add(st.resultText());
            }
        });
        Map<Long, String> bodies = ids.isEmpty() ? Map.of() : resolve(() -> texts.bodies(ids.stream().distinct()
                .toList()));
        return stored.stream().map(st -> {
            ToolCallRecord t = st.row();
            String args = t.arguments() != null || st.argumentsText() == null ? t.arguments()
                    : bodies.getOrDefault(st.argumentsText(), "");
            String result = t.result() != null || st.resultText() == null ? t.result()
                    : bodies.getOrDefault(st.resultText(), "");
            return new ToolCallRecord(t.runId(), t.seq(), t.requestSeq(), t.agent(), t.callId(), t.tool(),
                    t.server(), args, t.error(), result, t.durationMs(), t.bytes(), t.truncated());
        }).toList();
    }

    /** A row as read, with the id of its long text (its *_text column) still to be fetched. */
    private record WithText<T>(T row, Long textId) {
        /** The inline value, else the fetched text; a text deleted from the database reads as empty. */
        String text(String inline, Map<Long, String> bodies) {
            return inline != null || textId == null ? inline : bodies.getOrDefault(textId, "");
        }
    }

    private Map<Long, String> bodiesOf(List<? extends WithText<?>> rows) throws AuditException {
        List<Long> ids = rows.stream().map(WithText::textId).filter(java.util.Objects::nonNull).distinct().toList();
        return resolve(() -> texts.bodies(ids));
    }

    @Override
    public List<AgentStats> agentStats(String runId) throws AuditException {
        String where = runId == null ? "" : " WHERE run_id = ?";
        String eventsWhere = runId == null ? "" : eventsKeyed ? " WHERE event_key BETWEEN ? AND ?" : where;
        String and = runId == null ? " WHERE" : " AND";
        List<Object> args = new ArrayList<>();
        if (runId != null) {
            args.addAll(eventsOf(runId));
            args.add(runId);
        }
        // activations come from the events, calls and tokens from model_calls: a full outer join by agent id
        String sql = "SELECT a.agent, COALESCE(a.n, 0), COALESCE(m.calls, 0), COALESCE(m.failed, 0),"
                + " COALESCE(m.tin, 0), COALESCE(m.tout, 0), COALESCE(m.lat, 0) FROM"
                + " (SELECT node_id AS agent, COUNT(*) AS n FROM events" + eventsWhere + and + " kind = 'AgentStarted'"
                + " GROUP BY node_id) a LEFT JOIN"
                + " (SELECT agent, COUNT(*) AS calls, COUNT(error) AS failed, SUM(input_tokens) AS tin,"
                + " SUM(output_tokens) AS tout, SUM(latency_ms) AS lat FROM model_calls" + where
                + " GROUP BY agent) m ON a.agent = m.agent ORDER BY a.agent";
        return query(sql, args, rs -> new AgentStats(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7)));
    }

    /**
     * The arguments that select one run's events: its first and last event key (schema version 5), or its id. A run
     * that is not recorded gets a key range no event has.
     */
    private List<Object> eventsOf(String runId) throws AuditException {
        if (!eventsKeyed) {
            return List.of(runId);
        }
        long runNo = query("SELECT run_no FROM runs WHERE run_id = ?", List.of(runId), rs -> rs.getLong(1)).stream()
                .findFirst().orElse(0L); // run numbers start at 1
        return List.of(EventKeys.first(runNo), EventKeys.last(runNo));
    }

    @Override
    public VerifyReport verify() throws AuditException {
        try {
            return ChainVerifier.verify(c);
        } catch (SQLException e) {
            throw AuditErrors.translate(e, file);
        } catch (RuntimeException e) {
            throw AuditErrors.damaged(file, e); // as the writer's readWhole says of the same file
        }
    }

    @Override
    public void close() throws AuditException {
        try {
            AuditDatabase.closeReading(c);
        } catch (SQLException e) {
            throw AuditErrors.translate(e, file);
        } finally {
            hold.close();
        }
    }

    private boolean hasTexts() throws AuditException {
        return resolve(() -> AuditSchema.hasTextTables(c));
    }

    /** A database read that may throw SQLException. */
    @FunctionalInterface
    private interface Read<T> {
        T read() throws SQLException;
    }

    private <T> T resolve(Read<T> read) throws AuditException {
        try {
            return read.read();
        } catch (SQLException e) {
            throw AuditErrors.translate(e, file);
        }
    }

    /** Reads one row; may throw SQLException. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<?> args, RowMapper<T> mapper) throws AuditException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw AuditErrors.translate(e, file);
        }
    }

    private String runColumns() {
        return RUN_COLUMNS + (flowsStoredOnce ? OUTPUT_TEXT : NO_OUTPUT_TEXT)
                + (writerRecorded ? ", writer" : ", CAST(NULL AS VARCHAR)")
                + (eventsKeyed ? ", run_no" : ", CAST(0 AS BIGINT)");
    }

    /** A run row, its long output's text id (null when the output is inline), its writer and number. */
    private record SummaryRow(RunSummary summary, Long outputText, String writer, long runNo) {
    }

    /**
     * A RUNNING run whose writer process is gone (killed) reads as INTERRUPTED, with the totals of the model calls
     * it recorded: what the next writer will mark it as, shown without writing to the file.
     */
    private RunSummary effective(SummaryRow row, RunSummary r) throws SQLException {
        if (!"RUNNING".equals(r.status()) || !WriterProcess.isGone(row.writer(), AuditWriter.isOpenHere(file))) {
            return r;
        }
        Recovery.Recorded rec = Recovery.recorded(c, r.runId(), row.runNo(), eventsKeyed);
        return new RunSummary(r.runId(), r.flowId(), r.flowName(), "INTERRUPTED", rec.detail()
                + " (its process is gone)", r.failedNode(), r.startedAt(), rec.lastTime(), r.simulated(),
                r.providers(), rec.inputTokens(), rec.outputTokens(), rec.modelCalls(), rec.lastSeq(), r.input(),
                r.output(), r.flowSha256());
    }

    /** Runs read with {@link #runColumns()}, a long output read back from its text. */
    private List<RunSummary> summaries(String sql, List<?> args) throws AuditException {
        List<SummaryRow> rows = query(sql, args, rs -> {
            // wasNull() speaks of the last column read: ask it right after column 18, before summary() reads others
            long id = rs.getLong(18);
            Long text = rs.wasNull() ? null : id;
            return new SummaryRow(summary(rs), text, rs.getString(19), rs.getLong(20));
        });
        List<Long> ids = rows.stream().map(SummaryRow::outputText).filter(java.util.Objects::nonNull).toList();
        Map<Long, String> bodies = ids.isEmpty() ? Map.of() : resolve(() -> texts.bodies(ids));
        List<RunSummary> out = new ArrayList<>(rows.size());
        for (SummaryRow row : rows) {
            RunSummary r = row.summary();
            RunSummary shown = resolve(() -> effective(row, row.summary()));
            r = shown;
            if (row.outputText() != null) {
                r = new RunSummary(r.runId(), r.flowId(), r.flowName(), r.status(), r.statusDetail(),
                        r.failedNode(), r.startedAt(), r.endedAt(), r.simulated(), r.providers(), r.inputTokens(),
                        r.outputTokens(), r.modelCalls(), r.lastSeq(), r.input(),
                        bodies.getOrDefault(row.outputText(), ""), r.flowSha256());
            }
            out.add(r);
        }
        return out;
    }

    private static RunSummary summary(ResultSet rs) throws SQLException {
        String providers = rs.getString(10);
        return new RunSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs, 7), instant(rs, 8), rs.getBoolean(9),
                providers == null || providers.isEmpty() ? List.of() : Arrays.asList(providers.split(",")),
                rs.getLong(11), rs.getLong(12), rs.getInt(13), rs.getLong(14), rs.getString(15), rs.getString(16),
                rs.getString(17));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
