package dev.baton.audit;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;
import dev.baton.secret.Redactor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The update of a run's row when its terminal event is staged: status, output, totals, last event and the seal over
 * the run row's columns. Used by the writer thread only, through {@link BatchInserter}.
 */
final class RunEndRow {

    private final Map<String, BatchInserter.RunState> runs;
    private final Redactor redactor;
    private final TextColumns columns;
    private PreparedStatement finishRun;

    RunEndRow(Map<String, BatchInserter.RunState> runs, Redactor redactor, TextColumns columns) {
        this.runs = runs;
        this.redactor = redactor;
        this.columns = columns;
    }

    /** Prepares the update statement on the writer's connection. */
    void prepare(Connection c) throws SQLException {
        // a long output is the RunFinished payload's text, already stored: the row only names it (output_text)
        finishRun = c.prepareStatement("UPDATE runs SET status = ?, output = ?, output_text = ?, status_detail = ?,"
                + " failed_node = ?,"
                + " ended_at = ?, input_tokens = ?, output_tokens = ?, model_calls = ?, elapsed_ms = ?, last_seq = ?,"
                + " last_event_type = ?, seal = ? WHERE run_id = ?");
    }

    /** Sends the staged updates. */
    void executeBatch() throws SQLException {
        finishRun.executeBatch();
    }

    /** Drops what is staged (the transaction is rolled back). */
    void clearBatch() throws SQLException {
        finishRun.clearBatch();
    }

    /** Closes the statement of a connection about to close; null before the first prepare. */
    void close() {
        BatchInserter.closeQuietly(finishRun);
    }

    /** Stages the update when {@code e} ends its run; true when it did. */
    boolean add(RunEvent e) throws SQLException {
        if (e instanceof RunEvent.RunFinished f) {
            add(f, "SUCCEEDED", f.output(), null, f.totals());
        } else if (e instanceof RunEvent.RunFailed f) {
            add(f, f.status().name(), null, f.cause(), f.totals());
        } else if (e instanceof RunEvent.RunCancelled f) {
            add(f, "CANCELLED", null, f.reason(), f.totals());
        } else {
            return false;
        }
        return true;
    }

    private void add(RunEvent e, String status, String output, String detail, RunTotals totals)
            throws SQLException {
        finishRun.setString(1, status);
        Long outputText = columns.set(finishRun, 2, output);
        String inlineOutput = outputText == null ? output == null ? null : columns.inline(output) : null;
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
        BatchInserter.RunState state = runs.get(e.runId());
        List<Object> sealed = new ArrayList<>(state.startColumns);
        sealed.addAll(java.util.Arrays.asList(status, inlineOutput, outputText, redactedDetail, failedNode, e.time(),
                in, out, calls, elapsed, e.seq(), e.type()));
        finishRun.setString(13, state.startColumns.isEmpty() ? null : AuditHashes.seal(state.lastHash, sealed));
        finishRun.setString(14, e.runId());
        finishRun.addBatch();
    }
}
