package dev.baton.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
     * A stored prompt (JSON array of messages, long texts as {@value #TEXT_HASH_FIELD}) with every text in place;
     * anything else (a version 1 row's plain input) is returned as is.
     */
    String resolvePrompt(String prompt) throws SQLException {
        if (!hasTexts || prompt == null || !prompt.startsWith("[") || !prompt.contains(TEXT_HASH_FIELD)) {
            return prompt;
        }
        JsonNode tree = parse(prompt);
        if (!(tree instanceof ArrayNode messages)) {
            return prompt;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (JsonNode m : messages) {
            if (m.path(TEXT_HASH_FIELD).isTextual()) {
                wanted.add(m.path(TEXT_HASH_FIELD).asText());
            }
        }
        Map<String, String> bodies = bodies(wanted);
        for (JsonNode m : messages) {
            if (m instanceof ObjectNode o && o.path(TEXT_HASH_FIELD).isTextual()) {
                String body = bodies.get(o.path(TEXT_HASH_FIELD).asText());
                o.remove(TEXT_HASH_FIELD);
                o.put("text", body); // field order role, name, text as written for short texts
            }
        }
        return write(tree);
    }

    /** The text stored under each hash (a missing one is left out). */
    Map<String, String> bodies(Collection<String> hashes) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (!hasTexts || hashes.isEmpty()) {
            return out;
        }
        Map<String, StringBuilder> built = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.text_hash, c.body FROM text_parts p"
                + " JOIN text_chunks c ON c.hash = p.chunk_hash WHERE p.text_hash = ANY(?)"
                + " ORDER BY p.text_hash, p.pos")) {
            Array ids = c.createArrayOf("VARCHAR", hashes.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    built.computeIfAbsent(rs.getString(1), k -> new StringBuilder()).append(rs.getString(2));
                }
            }
        }
        built.forEach((k, v) -> out.put(k, v.toString()));
        return out;
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
