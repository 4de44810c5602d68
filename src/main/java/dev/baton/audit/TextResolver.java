package dev.baton.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reader's side of content-addressed texts: finds the text hashes a stored row refers to and puts the texts
 * back, so that every reader sees full texts whichever schema version wrote the row. A version 1 database (opened
 * read-only, never migrated) has no text tables and nothing to resolve.
 */
final class TextResolver {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The stored form of a long prompt message's text (see V2__content_addressed_texts.sql). */
    static final String TEXT_HASH_FIELD = "text_hash";
    private static final String TEXTS_MARK = "\"" + EventCodec.TEXTS_FIELD + "\":[";

    private final Connection c;
    private final boolean hasTexts;

    TextResolver(Connection c) throws SQLException {
        this.c = c;
        this.hasTexts = hasTextTables(c);
    }

    static boolean hasTextTables(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE UPPER(TABLE_NAME) = 'TEXT_PARTS'"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    /** True when a stored payload lists text hashes (cheap: the writer puts the list last). */
    static boolean refersToTexts(String payload) {
        return payload != null && payload.endsWith("]}") && payload.contains(TEXTS_MARK);
    }

    /** A payload's text references: JSON pointer to text hash, in payload order; empty when it has none. */
    static Map<String, String> references(JsonNode payload) {
        Map<String, String> refs = new LinkedHashMap<>();
        JsonNode list = payload.path(EventCodec.TEXTS_FIELD);
        for (JsonNode p : list) {
            JsonNode v = payload.at(p.asText());
            refs.put(p.asText(), v.isTextual() ? v.asText() : "");
        }
        return refs;
    }

    /** A payload as a tree; an unreadable (tampered) one is null. */
    static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The payloads with their texts in place, in the same order; payloads without references are returned as is. */
    List<String> resolvePayloads(List<String> payloads) throws SQLException {
        if (!hasTexts) {
            return payloads;
        }
        Map<Integer, JsonNode> trees = new HashMap<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (int i = 0; i < payloads.size(); i++) {
            if (refersToTexts(payloads.get(i))) {
                JsonNode tree = parse(payloads.get(i));
                if (tree instanceof ObjectNode) {
                    trees.put(i, tree);
                    wanted.addAll(references(tree).values());
                }
            }
        }
        if (trees.isEmpty()) {
            return payloads;
        }
        Map<String, String> bodies = bodies(wanted);
        List<String> out = new ArrayList<>(payloads);
        for (Map.Entry<Integer, JsonNode> e : trees.entrySet()) {
            ObjectNode tree = (ObjectNode) e.getValue();
            for (Map.Entry<String, String> ref : references(tree).entrySet()) {
                replace(tree, ref.getKey(), bodies.get(ref.getValue()));
            }
            tree.remove(EventCodec.TEXTS_FIELD);
            out.set(e.getKey(), write(tree));
        }
        return out;
    }

    /**
     * Stored prompts (JSON arrays of messages, long texts as {@value #TEXT_HASH_FIELD}) with every text in place, in
     * the same order; anything else (a version 1 row's plain input) is returned as is.
     */
    List<String> resolvePrompts(List<String> prompts) throws SQLException {
        if (!hasTexts) {
            return prompts;
        }
        Map<Integer, ArrayNode> trees = new HashMap<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (int i = 0; i < prompts.size(); i++) {
            String prompt = prompts.get(i);
            if (prompt != null && prompt.startsWith("[") && prompt.contains(TEXT_HASH_FIELD)
                    && parse(prompt) instanceof ArrayNode messages) {
                trees.put(i, messages);
                for (JsonNode m : messages) {
                    if (m.path(TEXT_HASH_FIELD).isTextual()) {
                        wanted.add(m.path(TEXT_HASH_FIELD).asText());
                    }
                }
            }
        }
        if (trees.isEmpty()) {
            return prompts;
        }
        Map<String, String> bodies = bodies(wanted);
        List<String> out = new ArrayList<>(prompts);
        for (Map.Entry<Integer, ArrayNode> e : trees.entrySet()) {
            for (JsonNode m : e.getValue()) {
                if (m instanceof ObjectNode o && o.path(TEXT_HASH_FIELD).isTextual()) {
                    String body = bodies.get(o.path(TEXT_HASH_FIELD).asText());
                    o.remove(TEXT_HASH_FIELD);
                    o.put("text", body == null ? "" : body); // role, name, text: the order short texts have
                }
            }
            out.set(e.getKey(), write(e.getValue()));
        }
        return out;
    }

    /** The text stored under each hash (a missing one is left out). */
    Map<String, String> bodies(Collection<String> hashes) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (!hasTexts || hashes.isEmpty()) {
            return out;
        }
        // the texts and every text they extend: one query per level, and a run's texts mostly extend each other
        Map<String, String> extendsOf = new HashMap<>();
        Set<String> wanted = new HashSet<>(hashes);
        while (!wanted.isEmpty()) {
            Set<String> next = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT hash, extends_hash FROM texts WHERE hash = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("VARCHAR", wanted.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String base = rs.getString(2);
                        extendsOf.put(rs.getString(1), base == null ? "" : base);
                        if (base != null) {
                            next.add(base);
                        }
                    }
                }
            }
            next.removeAll(extendsOf.keySet());
            wanted = next;
        }
        Map<String, StringBuilder> own = new HashMap<>();
        if (!extendsOf.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.text_hash, c.body FROM text_parts p"
                    + " JOIN text_chunks c ON c.hash = p.chunk_hash WHERE p.text_hash = ANY(?)"
                    + " ORDER BY p.text_hash, p.pos")) {
                ps.setArray(1, c.createArrayOf("VARCHAR", extendsOf.keySet().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        own.computeIfAbsent(rs.getString(1), k -> new StringBuilder()).append(rs.getString(2));
                    }
                }
            }
        }
        Map<String, String> built = new HashMap<>();
        for (String h : hashes) {
            if (extendsOf.containsKey(h)) {
                out.put(h, assemble(h, extendsOf, own, built));
            }
        }
        return out;
    }

    /** A text: the text it extends (walked iteratively, built once), then its own chunks. */
    private static String assemble(String hash, Map<String, String> extendsOf, Map<String, StringBuilder> own,
                                   Map<String, String> built) {
        List<String> lineage = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String h = hash;
        // a changed row could make a text extend itself: stop at a repeat (audit verify names such a text)
        while (h != null && !h.isEmpty() && !built.containsKey(h) && seen.add(h)) {
            lineage.add(h);
            h = extendsOf.get(h);
        }
        String text = h != null && built.containsKey(h) ? built.get(h) : "";
        for (int i = lineage.size() - 1; i >= 0; i--) {
            StringBuilder part = own.get(lineage.get(i));
            text = part == null ? text : text + part;
            built.put(lineage.get(i), text);
        }
        return built.getOrDefault(hash, text);
    }

    /** One text by hash, or null. */
    String body(String hash) throws SQLException {
        return hash == null ? null : bodies(List.of(hash)).get(hash);
    }

    private static void replace(ObjectNode root, String pointer, String text) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        // a text that is missing (deleted rows) reads as empty here; audit verify names it
        TextNode value = TextNode.valueOf(text == null ? "" : text);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
    }

    private static String write(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
