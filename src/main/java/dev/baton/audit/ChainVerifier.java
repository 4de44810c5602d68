package dev.baton.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recomputes every run's hash chain in one pass over the events (ordered by run and sequence) and names each run's
 * first broken row: a hash that does not match, a gap in the sequence, events missing after the last one a
 * finished run recorded, a long text (schema version 2) whose chunks no longer match their hashes, or (schema
 * version 5) an event of no recorded run or stored under another event's key.
 */
final class ChainVerifier {

    private ChainVerifier() {
    }

    static AuditStore.VerifyReport verify(Connection c) throws SQLException {
        Map<String, Long> expectedLast = new HashMap<>();
        boolean keyed = AuditSchema.eventsKeyed(c);
        Map<String, Long> runNumbers = new HashMap<>();
        int runs = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, last_seq, status"
                + (keyed ? ", run_no" : ", 0") + " FROM runs");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs++;
                runNumbers.put(rs.getString(1), rs.getLong(4));
                if (!"RUNNING".equals(rs.getString(3))) {
                    expectedLast.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        TextVerifier texts = TextVerifier.check(c);
        Breaks breaks = new Breaks();
        Map<String, String> lastHashes = new HashMap<>();
        long events = 0;
        String run = null;
        String prev = "";
        long prevSeq = 0;
        boolean broken = false;
        // since version 5 the key orders a run's events and keeps them together; before, (run_id, seq) did
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, seq, event_time, kind, node_id, edge_id,"
                + " payload, hash" + (keyed ? ", event_key FROM events ORDER BY event_key"
                : ", 0 FROM events ORDER BY run_id, seq"))) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events++;
                    String id = rs.getString(1);
                    long seq = rs.getLong(2);
                    if (!id.equals(run)) {
                        checkEnd(run, prevSeq, broken, expectedLast, breaks);
                        if (run != null) {
                            lastHashes.put(run, prev);
                        }
                        run = id;
                        prev = "";
                        prevSeq = 0;
                        broken = false;
                    }
                    if (broken) {
                        continue;
                    }
                    if (keyed) {
                        Long runNo = runNumbers.get(id);
                        if (runNo == null) {
                            breaks.add(id, seq, "event #" + seq + " belongs to no recorded run (no runs row "
                                    + id + ")");
                            broken = true;
                            continue;
                        }
                        if (seq < 0 || seq > EventKeys.MAX_SEQ || rs.getLong(9) != EventKeys.key(runNo, seq)) {
                            breaks.add(id, seq, "event #" + seq + " is stored under key " + rs.getLong(9)
                                    + ", not its run's and number's: a row was moved or its run id or number"
                                    + " changed");
                            broken = true;
                            continue;
                        }
                    }
                    String stored = rs.getString(8);
                    String kind = rs.getString(4);
                    String payload = rs.getString(7);
                    if (seq != prevSeq + 1) {
                        breaks.add(id, prevSeq + 1, "event #" + (prevSeq + 1) + " is missing (the next stored event"
                                + " is #" + seq + ")");
                        broken = true;
                        continue;
                    }
                    String hash = AuditHashes.hash(prev, id, seq, H2AuditStore.instant(rs, 3), kind,
                            rs.getString(5), rs.getString(6), payload);
                    if (!hash.equals(stored)) {
                        breaks.add(id, seq, "event #" + seq + " (" + kind + ") does not match its hash: it or an"
                                + " earlier link was changed");
                        broken = true;
                        continue;
                    }
                    broken = checkTexts(id, seq, kind, payload, texts, breaks);
                    prev = stored;
                    prevSeq = seq;
                }
            }
        }
        checkEnd(run, prevSeq, broken, expectedLast, breaks);
        if (run != null) {
            lastHashes.put(run, prev);
        }
        checkDerivedTexts(c, texts, breaks);
        DerivedRowVerifier.check(c, keyed, texts, breaks::add);
        checkFlows(c, breaks);
        checkSeals(c, lastHashes, breaks); // last: a run already broken elsewhere is named by its first break
        // finished runs whose events are all gone
        for (Map.Entry<String, Long> e : expectedLast.entrySet()) {
            if (e.getValue() > 0 && !breaks.has(e.getKey())
                    && !hasEvents(c, e.getKey(), keyed ? runNumbers.get(e.getKey()) : null)) {
                breaks.add(e.getKey(), 1, "all " + e.getValue() + " events are missing");
            }
        }
        return new AuditStore.VerifyReport(runs, events, breaks.list());
    }

    /**
     * Each sealed run row (schema version 7) against its seal: status, times, totals and output as the run ended.
     * A run that ended (or was marked INTERRUPTED) by a version-7 writer without a seal lost it. Reported at seq 0.
     */
    private static void checkSeals(Connection c, Map<String, String> lastHashes, Breaks breaks) throws SQLException {
        if (!AuditSchema.hasWriterColumn(c)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AuditHashes.SEAL_COLUMNS + ", seal FROM runs"
                + " WHERE status <> 'RUNNING' AND (seal IS NOT NULL OR writer IS NOT NULL)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String runId = rs.getString(1);
                String seal = rs.getString(RunSeal.COLUMNS + 1);
                if (breaks.has(runId)) {
                    continue;
                }
                if (seal == null) {
                    breaks.add(runId, 0, "the run row has no seal although its writer sealed every run it ended: the"
                            + " row was changed");
                } else if (!seal.equals(AuditHashes.seal(lastHashes.getOrDefault(runId, ""),
                        RunSeal.columns(rs)))) {
                    breaks.add(runId, 0, "the run row (status, times, totals or output) does not match its seal:"
                            + " it was changed after the run ended");
                }
            }
        }
    }

    /** True (broken) when a text the payload refers to is missing or changed. */
    private static boolean checkTexts(String run, long seq, String kind, String payload, TextVerifier texts,
                                      Breaks breaks) {
        if (!TextResolver.refersToTexts(payload)) {
            return false;
        }
        JsonNode tree = TextResolver.parse(payload);
        if (tree == null) {
            return false; // unreadable, yet it matched its hash: nothing was changed after writing
        }
        for (TextResolver.Reference ref : TextResolver.references(tree)) {
            String stored = texts.hash(ref.id());
            String problem;
            if (stored == null) {
                problem = "text " + ref.id() + " is missing";
            } else if (!stored.equals(ref.hash())) {
                problem = "text " + ref.id() + " has the hash " + stored + ", not " + ref.hash()
                        + ": a text row was changed";
            } else {
                problem = texts.problem(ref.id());
            }
            if (problem != null) {
                breaks.add(run, seq, "event #" + seq + " (" + kind + ") " + ref.pointer() + " refers to text "
                        + ref.id() + ": " + problem);
                return true;
            }
        }
        return false;
    }

    /** Texts that handoff, model-call and run rows refer to: outside the chain, but changed chunks are named too. */
    private static void checkDerivedTexts(Connection c, TextVerifier texts, Breaks breaks) throws SQLException {
        if (!AuditSchema.hasTextTables(c)) {
            return;
        }
        String runs = AuditSchema.hasFlowsTable(c) ? " UNION ALL SELECT run_id, last_seq, 'run', output_text"
                + " FROM runs WHERE output_text IS NOT NULL" : "";
        String tools = AuditSchema.hasToolCallsTable(c) ? " UNION ALL SELECT run_id, seq, 'tool call', result_text"
                + " FROM tool_calls WHERE result_text IS NOT NULL UNION ALL SELECT run_id, seq, 'tool call',"
                + " arguments_text FROM tool_calls WHERE arguments_text IS NOT NULL" : "";
        String sql = "SELECT run_id, seq, 'handoff', context_text FROM handoffs WHERE context_text IS NOT NULL"
                + " UNION ALL SELECT run_id, seq, 'model call', response_text FROM model_calls"
                + " WHERE response_text IS NOT NULL" + runs + tools + " ORDER BY 1, 2";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String problem = texts.problem(rs.getLong(4));
                if (problem != null) {
                    breaks.add(rs.getString(1), rs.getLong(2), rs.getString(3) + " row #" + rs.getLong(2)
                            + " refers to text " + rs.getString(4) + ": " + problem);
                }
            }
        }
    }

    /**
     * Each run's flow JSON is there and hashes to the run's {@code flow_sha256} (since version 3 one {@code flows} row
     * serves every run of a flow, so an edit there would change what all of them say ran). Reported at seq 0: the run
     * row, not an event.
     */
    private static void checkFlows(Connection c, Breaks breaks) throws SQLException {
        String sql = AuditSchema.hasFlowsTable(c) ? "SELECT run_id, flow_sha256, flow_json FROM run_flows"
                : "SELECT run_id, flow_sha256, flow_json FROM runs";
        // many runs share one flow: hash each distinct (hash, JSON) pair once; the key compares the JSON itself
        record Stored(String sha256, String json) { }
        Map<Stored, Boolean> intactFlows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String expected = rs.getString(2);
                String json = rs.getString(3);
                if (expected == null || expected.isBlank()) {
                    continue; // a run recorded without its flow (the writer had none): nothing to check
                }
                if (json == null) {
                    breaks.add(rs.getString(1), 0, "the run's flow JSON (flow " + expected + ") is missing");
                } else if (!intactFlows.computeIfAbsent(new Stored(expected, json),
                        k -> k.sha256().equals(AuditHashes.sha256Hex(k.json())))) {
                    breaks.add(rs.getString(1), 0, "the run's flow JSON does not match its SHA-256 " + expected
                            + ": the stored flow was changed");
                }
            }
        }
    }

    private static void checkEnd(String run, long lastSeq, boolean broken, Map<String, Long> expectedLast,
                                 Breaks breaks) {
        if (run == null || broken) {
            return;
        }
        Long expected = expectedLast.get(run);
        if (expected != null && expected > lastSeq) {
            breaks.add(run, lastSeq + 1, "events #" + (lastSeq + 1) + " to #" + expected
                    + " are missing (the run recorded " + expected + " events)");
        }
    }

    /** Whether any event of the run is stored: by its key range when {@code runNo} is given, else by its id. */
    private static boolean hasEvents(Connection c, String runId, Long runNo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(runNo == null ? "SELECT 1 FROM events WHERE run_id = ? LIMIT 1"
                : "SELECT 1 FROM events WHERE event_key BETWEEN ? AND ? LIMIT 1")) {
            if (runNo == null) {
                ps.setString(1, runId);
            } else {
                ps.setLong(1, EventKeys.first(runNo));
                ps.setLong(2, EventKeys.last(runNo));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Each run's first break (the lowest sequence number), by run id. */
    private static final class Breaks {
        private final Map<String, AuditStore.ChainBreak> byRun = new TreeMap<>();

        void add(String run, long seq, String reason) {
            AuditStore.ChainBreak old = byRun.get(run);
            if (old == null || seq < old.seq()) {
                byRun.put(run, new AuditStore.ChainBreak(run, seq, reason));
            }
        }

        boolean has(String run) {
            return byRun.containsKey(run);
        }

        List<AuditStore.ChainBreak> list() {
            return List.copyOf(new ArrayList<>(byRun.values()));
        }
    }
}
