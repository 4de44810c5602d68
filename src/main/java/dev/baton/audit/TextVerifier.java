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
 * Checks the content-addressed texts: every chunk's body against its hash, every text's chunk list against the
 * text's hash, and that every chunk a text lists exists. {@link #problem} then tells what is wrong with a text a row
 * refers to (null when it is intact), so that {@link ChainVerifier} can name the row.
 */
final class TextVerifier {

    private final Set<String> texts = new HashSet<>();
    private final Map<String, String> problems = new HashMap<>();

    private TextVerifier() {
    }

    /** Reads every chunk and chunk list once; a database without text tables (version 1) has nothing to check. */
    static TextVerifier check(Connection c) throws SQLException {
        TextVerifier v = new TextVerifier();
        if (TextResolver.hasTextTables(c)) {
            v.scan(c);
        }
        return v;
    }

    /** What is wrong with the text stored under {@code hash}, or null when it is intact. */
    String problem(String hash) {
        if (!texts.contains(hash)) {
            return "that text is missing";
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
        try (PreparedStatement ps = c.prepareStatement("SELECT p.text_hash, p.chunk_hash FROM text_parts p"
                + " WHERE NOT EXISTS (SELECT 1 FROM text_chunks t WHERE t.hash = p.chunk_hash)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                problems.putIfAbsent(rs.getString(1), "its chunk " + rs.getString(2) + " is missing");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT text_hash, pos, chunk_hash FROM text_parts"
                + " ORDER BY text_hash, pos")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                String text = null;
                List<String> chunks = new ArrayList<>();
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (!id.equals(text)) {
                        checkText(text, chunks, badChunks);
                        text = id;
                        chunks.clear();
                    }
                    if (rs.getInt(2) != chunks.size()) {
                        problems.putIfAbsent(id, "its chunk #" + chunks.size() + " is missing");
                    }
                    chunks.add(rs.getString(3));
                }
                checkText(text, chunks, badChunks);
            }
        }
    }

    private void checkText(String text, List<String> chunks, Map<String, String> badChunks) {
        if (text == null) {
            return;
        }
        texts.add(text);
        for (String chunk : chunks) {
            String bad = badChunks.get(chunk);
            if (bad != null) {
                problems.putIfAbsent(text, bad);
                return;
            }
        }
        if (!AuditHashes.textHash(chunks).equals(text)) {
            problems.putIfAbsent(text, "its list of chunks does not match its hash: it was changed");
        }
    }
}
