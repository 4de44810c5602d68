package dev.baton.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read access to an audit database, for the UI's audit browser and the {@code baton audit} commands. */
public interface AuditStore extends AutoCloseable {

    /** One run as listed: what ran, how it ended, what it spent. */
    record RunSummary(String runId, String flowId, String flowName, String status, String statusDetail,
                      String failedNode, Instant startedAt, Instant endedAt, boolean simulated,
                      List<String> providers, long inputTokens, long outputTokens, int modelCalls, long lastSeq,
                      String input, String output, String flowSha256) {
    }

    /**
     * Which runs to list; null fields do not filter.
     *
     * @param flowId the flow's id
     * @param status RUNNING, SUCCEEDED, FAILED, CANCELLED, LIMIT_REACHED or INTERRUPTED
     * @param from   started at or after
     * @param to     started before
     */
    record RunQuery(String flowId, String status, Instant from, Instant to) {
        /** Every run. */
        public static final RunQuery ALL = new RunQuery(null, null, null, null);
    }

    /** One page of results, newest first, and whether more follow. */
    record Page<T>(List<T> items, int page, int pageSize, boolean hasMore) {
    }

    /**
     * One stored event: {@code payload} is the event's JSON without the typed columns, every text in place;
     * {@code storedPayload} is the payload as stored, long texts given by their text hashes (what {@code hash}
     * covers); the two are equal for events without long texts.
     */
    record StoredEvent(String runId, long seq, Instant time, String kind, String nodeId, String edgeId,
                       String payload, String hash, String storedPayload) {
        /** An event whose payload is stored as it reads. */
        public StoredEvent(String runId, long seq, Instant time, String kind, String nodeId, String edgeId,
                           String payload, String hash) {
            this(runId, seq, time, kind, nodeId, edgeId, payload, hash, payload);
        }
    }

    /** A swarm handoff with the context actually passed. */
    record HandoffRecord(String runId, long seq, String from, String to, String edgeId, String reason,
                         String contextMode, String context, int handoffNumber) {
    }

    /**
     * A supervisor delegation (DELEGATION), judge decision (JUDGE), critic verdict (CRITIC_VERDICT) or what a
     * supervisor did after a worker failed (WORKER_FAILURE).
     */
    record DecisionRecord(String runId, long seq, String kind, String nodeId, String subject, String outcome,
                          String rationale) {
    }

    /**
     * One model call; numbers are null when the call failed. {@code prompt} is the exact messages as a JSON array of
     * {role, name, text} (in runs recorded before schema version 2: the agent's input); {@code costUsd} is null when
     * no price is known.
     */
    record ModelCallRecord(String runId, long seq, long requestSeq, String agent, String provider, String model,
                           int turn, String prompt, String response, Integer inputTokens, Integer outputTokens,
                           Long latencyMs, Double costUsd, String error) {
    }

    /**
     * One plain tool call of an agent (issue 14): its arguments as the model sent them (JSON), the result or error
     * message the model read, how long it took and the tool's output size in bytes.
     */
    record ToolCallRecord(String runId, long seq, long requestSeq, String agent, String callId, String tool,
                          String server, String arguments, boolean error, String result, long durationMs, long bytes,
                          boolean truncated) {
    }

    /** What one agent did in a run (or over all runs). */
    record AgentStats(String agent, int activations, int modelCalls, int failedCalls, long inputTokens,
                      long outputTokens, long totalLatencyMs) {
        /** Mean latency per successful model call, 0 without calls. */
        public long meanLatencyMs() {
            int ok = modelCalls - failedCalls;
            return ok <= 0 ? 0 : totalLatencyMs / ok;
        }
    }

    /** The first row whose stored hash does not match, or whose run lost events. */
    record ChainBreak(String runId, long seq, String reason) {
    }

    /** The outcome of {@link #verify()}: how much was checked and every run's first break. */
    record VerifyReport(int runs, long events, List<ChainBreak> breaks) {
        public boolean intact() {
            return breaks.isEmpty();
        }
    }

    /** Runs, newest first; {@code page} counts from 0. */
    Page<RunSummary> runs(RunQuery query, int page, int pageSize) throws AuditException;

    /** One run, looked up by its full id or any part of it that no other run id contains. */
    Optional<RunSummary> run(String runIdOrPart) throws AuditException;

    /**
     * The flow exactly as it was run (its JSON, secrets redacted), for replaying it on the canvas; empty when the run
     * is unknown or did not record its flow.
     */
    default Optional<String> flowJson(String runId) throws AuditException {
        return Optional.empty();
    }

    /** A run's events in sequence order, for replay. */
    List<StoredEvent> events(String runId) throws AuditException;

    List<HandoffRecord> handoffs(String runId) throws AuditException;

    List<DecisionRecord> decisions(String runId) throws AuditException;

    List<ModelCallRecord> modelCalls(String runId) throws AuditException;

    /** A run's plain tool calls in event order; none in a database older than the tool_calls table. */
    default List<ToolCallRecord> toolCalls(String runId) throws AuditException {
        return List.of();
    }

    /** Per-agent statistics of one run, or of every run when {@code runId} is null; by agent id. */
    List<AgentStats> agentStats(String runId) throws AuditException;

    /** Recomputes every run's hash chain. */
    VerifyReport verify() throws AuditException;

    @Override
    void close() throws AuditException;
}
