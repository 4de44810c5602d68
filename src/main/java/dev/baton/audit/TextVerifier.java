package dev.baton.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the content-addressed texts: every chunk's body against its hash; every text's own chunks, continuing the
 * hash of the text it extends, against the text's hash; that every chunk and extended text exists. {@link #problem}
 * then tells what is wrong with a text a row refers to (null when it and every text it extends are intact), so that
 * {@link ChainVerifier} can name the row. Reads hashes only, never whole texts.
 */
final class TextVerifier {

    /** One text's row: its hash, the text it extends (null for none), its chunk count and (from schema version 9)
     *  the ids of the chunks it adds, null when they are rows of text_part_rows. */
    private record TextRow(String hash, Long base, int chunks, Object[] parts) {
    }

    /** One chunk's row: its hash, and why it is broken (null when intact). */
    private record ChunkRow(String hash, String problem) {
    }

    private final Map<Long, TextRow> texts = new HashMap<>();
    private final Map<Long, String> ownProblems = new HashMap<>();
    private final Map<Long, String> problems = new HashMap<>();

    private TextVerifier() {
    }

    /** Reads every chunk hash and text row once; a database without text tables (version 1) has nothing to check. */
    static TextVerifier check(Connection c) throws SQLException {
        TextVerifier v = new TextVerifier();
        if (AuditSchema.hasTextTables(c)) {
            v.scan(c);
        }
        return v;
    }

    /** The hash stored for text {@code id}, or null when there is no such text. */
    String hash(long id) {
        TextRow row = texts.get(id);
        return row == null ? null : row.hash();
    }

    /** What is wrong with text {@code id} or a text it extends, or null when all are intact. */
    String problem(long id) {
        if (problems.containsKey(id)) {
            return problems.get(id);
        }
        // walk the texts it extends; a changed row could make the walk loop, which is itself a problem
        List<Long> lineage = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Long t = id;
        String found = null;
        while (t != null && !problems.containsKey(t)) {
            if (!seen.add(t)) {
                found = "the texts it extends form a loop: a text row was changed";
                break;
            }
            lineage.add(t);
            TextRow row = texts.get(t);
            String own = row == null ? "text " + t + " is missing" : ownProblems.get(t);
            if (own != null) {
                found = t == id ? own : "it extends text " + t + ": " + own;
                break;
            }
            t = row.base();
        }
        if (found == null && t != null && problems.get(t) != null) {
            found = "it extends text " + t + ": " + problems.get(t);
        }
        for (Long l : lineage) {
            problems.put(l, found);
        }
        return problems.get(id);
    }

    private void scan(Connection c) throws SQLException {
        Map<Long, ChunkRow> chunks = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, hash, body FROM text_chunks")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String hash = rs.getString(2);
                    boolean intact = AuditHashes.sha256Hex(rs.getString(3)).equals(hash);
                    chunks.put(rs.getLong(1), new ChunkRow(hash, intact ? null : "its chunk " + rs.getLong(1)
                            + " does not match its hash " + hash + ": the chunk was changed"));
                }
            }
        }
        boolean partsColumn = AuditSchema.hasPartsColumn(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, hash, extends_id, chunks"
                + (partsColumn ? ", parts" : "") + " FROM texts")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String hash = rs.getString(2);
                    long base = rs.getLong(3);
                    Long extended = rs.wasNull() ? null : base; // read right after getLong(3): wasNull is per call
                    java.sql.Array parts = partsColumn ? rs.getArray(5) : null;
                    texts.put(id, new TextRow(hash, extended, rs.getInt(4),
                            parts == null ? null : (Object[]) parts.getArray()));
                }
            }
        }
        Set<Long> withParts = new HashSet<>();
        // texts written before version 9 list their chunks as rows (text_parts, renamed text_part_rows in version 9)
        try (PreparedStatement ps = c.prepareStatement("SELECT text_id, pos, chunk_id FROM "
                + (partsColumn ? "text_part_rows" : "text_parts") + " ORDER BY text_id, pos")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                Long text = null;
                List<String> hashes = new ArrayList<>();
                int firstPos = 0;
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (text == null || id != text) {
                        checkText(text, firstPos, hashes);
                        text = id;
                        firstPos = rs.getInt(2);
                        hashes.clear();
                        withParts.add(id);
                    }
                    if (rs.getInt(2) != firstPos + hashes.size()) {
                        ownProblems.putIfAbsent(id, "its chunk #" + (firstPos + hashes.size()) + " is missing");
                    }
                    hashes.add(chunkHash(id, chunks, rs.getLong(3)));
                }
                checkText(text, firstPos, hashes);
            }
        }
        for (Map.Entry<Long, TextRow> e : texts.entrySet()) {
            Object[] parts = e.getValue().parts();
            if (parts != null && !withParts.contains(e.getKey())) {
                List<String> hashes = new ArrayList<>(parts.length);
                for (Object part : parts) {
                    hashes.add(part == null ? "" : chunkHash(e.getKey(), chunks, ((Number) part).longValue()));
                    if (part == null) {
                        ownProblems.putIfAbsent(e.getKey(), "a chunk id in its parts is missing");
                    }
                }
                checkText(e.getKey(), e.getValue().chunks() - parts.length, hashes);
            } else if (!withParts.contains(e.getKey())) {
                checkText(e.getKey(), e.getValue().chunks(), List.of());
            }
        }
    }

    /** The hash of chunk {@code chunkId} of text {@code text}, noting a missing or changed chunk as its problem. */
    private String chunkHash(long text, Map<Long, ChunkRow> chunks, long chunkId) {
        ChunkRow chunk = chunks.get(chunkId);
        if (chunk == null || chunk.problem() != null) {
            ownProblems.putIfAbsent(text, chunk == null ? "its chunk " + chunkId + " is missing" : chunk.problem());
        }
        return chunk == null ? "" : chunk.hash();
    }

    /** The text's own chunks, from position {@code firstPos}, must continue the extended text's hash to its own. */
    private void checkText(Long text, int firstPos, List<String> hashes) {
        if (text == null || ownProblems.containsKey(text)) {
            return;
        }
        TextRow row = texts.get(text);
        if (row == null) {
            ownProblems.put(text, "its text row is missing");
            return;
        }
        TextRow base = row.base() == null ? new TextRow("", null, 0, null) : texts.get(row.base());
        if (base == null) {
            return; // problem() reports the missing text it extends
        }
        if (firstPos != base.chunks() || firstPos + hashes.size() != row.chunks()) {
            ownProblems.put(text, "its chunks do not continue the text it extends: a row was changed");
        } else if (!AuditHashes.textHash(base.hash(), hashes).equals(row.hash())) {
            ownProblems.put(text, "its chunks do not match its hash " + row.hash() + ": a row was changed");
        }
    }
}
