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

    /** One text's row: the text it extends ("" for none) and its chunk count. */
    private record TextRow(String base, int chunks) {
    }

    private final Map<String, TextRow> texts = new HashMap<>();
    private final Map<String, String> ownProblems = new HashMap<>();
    private final Map<String, String> problems = new HashMap<>();

    private TextVerifier() {
    }

    /** Reads every chunk and text row once; a database without text tables (version 1) has nothing to check. */
    static TextVerifier check(Connection c) throws SQLException {
        TextVerifier v = new TextVerifier();
        if (TextResolver.hasTextTables(c)) {
            v.scan(c);
        }
        return v;
    }

    /** What is wrong with the text stored under {@code hash} or a text it extends, or null when all are intact. */
    String problem(String hash) {
        if (problems.containsKey(hash)) {
            return problems.get(hash);
        }
        // walk the texts it extends; a changed row could make the walk loop, which is itself a problem
        List<String> lineage = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String h = hash;
        String found = null;
        while (h != null && !h.isEmpty() && !problems.containsKey(h)) {
            if (!seen.add(h)) {
                found = "the texts it extends form a loop: a text row was changed";
                break;
            }
            lineage.add(h);
            TextRow row = texts.get(h);
            if (row == null) {
                found = h.equals(hash) ? "that text is missing" : "the text it extends, " + h + ", is missing";
                break;
            }
            String own = ownProblems.get(h);
            if (own != null) {
                found = h.equals(hash) ? own : "the text it extends, " + h + ": " + own;
                break;
            }
            h = row.base();
        }
        if (found == null && h != null && problems.get(h) != null) {
            found = "the text it extends, " + h + ": " + problems.get(h);
        }
        for (String t : lineage) {
            problems.put(t, found);
        }
        return problems.get(hash);
    }

    private void scan(Connection c) throws SQLException {
        Map<String, String> badChunks = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT hash, body FROM text_chunks")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String hash = rs.getString(1);
                    if (!AuditHashes.sha256Hex(rs.getString(2)).equals(hash)) {
                        badChunks.put(hash, "its chunk " + hash + " does not match its body: the chunk was changed");
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT hash, extends_hash, chunks FROM texts")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String base = rs.getString(2);
                    texts.put(rs.getString(1), new TextRow(base == null ? "" : base, rs.getInt(3)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT p.text_hash, p.chunk_hash FROM text_parts p"
                + " WHERE NOT EXISTS (SELECT 1 FROM text_chunks t WHERE t.hash = p.chunk_hash)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ownProblems.putIfAbsent(rs.getString(1), "its chunk " + rs.getString(2) + " is missing");
            }
        }
        Set<String> withParts = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT text_hash, pos, chunk_hash FROM text_parts"
                + " ORDER BY text_hash, pos")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                String text = null;
                List<String> chunks = new ArrayList<>();
                int firstPos = 0;
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (!id.equals(text)) {
                        checkText(text, firstPos, chunks, badChunks);
                        text = id;
                        firstPos = rs.getInt(2);
                        chunks.clear();
                        withParts.add(id);
                    }
                    if (rs.getInt(2) != firstPos + chunks.size()) {
                        ownProblems.putIfAbsent(id, "its chunk #" + (firstPos + chunks.size()) + " is missing");
                    }
                    chunks.add(rs.getString(3));
                }
                checkText(text, firstPos, chunks, badChunks);
            }
        }
        for (Map.Entry<String, TextRow> e : texts.entrySet()) {
            if (!withParts.contains(e.getKey())) {
                checkText(e.getKey(), e.getValue().chunks(), List.of(), badChunks);
            }
        }
    }

    /** The text's own chunks, from position {@code firstPos}, must continue the extended text's hash to its own. */
    private void checkText(String text, int firstPos, List<String> chunks, Map<String, String> badChunks) {
        if (text == null) {
            return;
        }
        TextRow row = texts.get(text);
        if (row == null) {
            ownProblems.putIfAbsent(text, "its text row is missing");
            return;
        }
        for (String chunk : chunks) {
            String bad = badChunks.get(chunk);
            if (bad != null) {
                ownProblems.putIfAbsent(text, bad);
                return;
            }
        }
        TextRow base = row.base().isEmpty() ? new TextRow("", 0) : texts.get(row.base());
        if (base != null && (firstPos != base.chunks() || firstPos + chunks.size() != row.chunks())) {
            ownProblems.putIfAbsent(text, "its chunks do not continue the text it extends: a row was changed");
        } else if (!AuditHashes.textHash(row.base(), chunks).equals(text)) {
            ownProblems.putIfAbsent(text, "its chunk list does not match its hash: a row was changed");
        }
    }
}
