package dev.baton.audit;

import dev.baton.engine.RunEvent;
import dev.baton.secret.Redactor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
        final Map<String, DerivedRows.PendingCall> callByNode = new HashMap<>();
        /** Tool calls between their ToolCallRequested and ToolCallFinished, by node and call id. */
        final Map<String, Long> toolRequestByCall = new HashMap<>();
        final Map<String, String> toolArguments = new HashMap<>();
    }

    private Connection c;
    private final Map<String, RunState> runs = new HashMap<>();
    private PreparedStatement insertRun;
    private PreparedStatement insertEvent;
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
    /** Handoff, decision, model-call and tool-call rows. */
    private final DerivedRows derived;
    /** The run row's update at its terminal event. */
    private final RunEndRow end;

    /** {@code textsByHash} false: every text inline, as schema version 1 wrote them (benchmark baseline). */
    BatchInserter(boolean textsByHash, String writerId, Redactor redactor) {
        this.writerId = writerId;
        this.redactor = redactor;
        texts = textsByHash ? new TextStore(redactor) : null;
        shared = new SharedRuns(runs, writerId);
        TextColumns columns = new TextColumns(texts, redactor);
        derived = new DerivedRows(runs, texts, redactor, columns);
        end = new RunEndRow(runs, redactor, columns);
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
        derived.prepare(c);
        end.prepare(c);
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
        boolean derivedRows = false;
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
                derivedRows |= derived.add(e);
                finished |= end.add(e);
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
            if (derivedRows) {
                derived.executeBatch();
            }
            if (finished) {
                end.executeBatch();
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
        insertFlow.clearBatch();
        insertRun.clearBatch();
        insertEvent.clearBatch();
        derived.clearBatch();
        end.clearBatch();
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
        closeQuietly(insertFlow);
        closeQuietly(insertRun);
        closeQuietly(insertEvent);
        derived.close();
        end.close();
    }

    /** Closes a statement if it was prepared; closing, there is nothing left to protect. */
    static void closeQuietly(PreparedStatement ps) {
        try {
            if (ps != null) {
                ps.close();
            }
        } catch (SQLException e) {
            // closing: nothing left to protect
        }
    }
}
