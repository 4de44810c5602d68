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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reader's side of content-addressed texts: finds the texts a stored row refers to and puts them back, so that
 * every reader sees full texts whichever schema version wrote the row. A version 1 database (opened read-only, never
 * migrated) has no text tables and nothing to resolve.
 */
final class TextResolver {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The stored form of a long prompt message's text (see V2__content_addressed_texts.sql). */
    static final String TEXT_ID_FIELD = "text_id";
    private static final String TEXTS_MARK = "\"" + EventCodec.TEXTS_FIELD + "\":{";

    /** One reference of a payload: the value at {@code pointer} is {@code hash}, stored as text {@code id}. */
    record Reference(String pointer, String hash, long id) {
    }

    private final Connection c;
    private final boolean hasTexts;
    /** Schema version 9 or later: texts.parts lists a text's chunks; older texts keep theirs in {@link #partRows}. */
    private final boolean partsColumn;
    /** The table of one row per chunk of a text: text_parts before version 9, text_part_rows from it. */
    private final String partRows;

    TextResolver(Connection c) throws SQLException {
        this.c = c;
        this.hasTexts = AuditSchema.hasTextTables(c);
        this.partsColumn = hasTexts && AuditSchema.hasPartsColumn(c);
        this.partRows = partsColumn ? "text_part_rows" : "text_parts";
    }

    /** True when a stored payload refers to texts (cheap: the writer puts the references last). */
    static boolean refersToTexts(String payload) {
        return payload != null && payload.endsWith("}}") && payload.contains(TEXTS_MARK);
    }

    /** A payload's references, in payload order; an entry whose value or id is not readable has id -1. */
    static List<Reference> references(JsonNode payload) {
        List<Reference> refs = new ArrayList<>();
        JsonNode texts = payload.path(EventCodec.TEXTS_FIELD);
        for (Map.Entry<String, JsonNode> e : texts.properties()) {
            JsonNode value = e.getKey().startsWith("/") ? payload.at(e.getKey()) : null;
            refs.add(new Reference(e.getKey(), value != null && value.isTextual() ? value.asText() : "",
                    e.getValue().canConvertToLong() ? e.getValue().asLong() : -1));
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
        Map<Integer, ObjectNode> trees = new LinkedHashMap<>();
        Set<Long> wanted = new HashSet<>();
        for (int i = 0; i < payloads.size(); i++) {
            if (refersToTexts(payloads.get(i)) && parse(payloads.get(i)) instanceof ObjectNode tree) {
                trees.put(i, tree);
                references(tree).forEach(r -> wanted.add(r.id()));
            }
        }
        if (trees.isEmpty()) {
            return payloads;
        }
        Map<Long, String> bodies = bodies(wanted);
        List<String> out = new ArrayList<>(payloads);
        for (Map.Entry<Integer, ObjectNode> e : trees.entrySet()) {
            ObjectNode tree = e.getValue();
            for (Reference ref : references(tree)) {
                replace(tree, ref.pointer(), bodies.get(ref.id()));
            }
            tree.remove(EventCodec.TEXTS_FIELD);
            out.set(e.getKey(), write(tree));
        }
        return out;
    }

    /**
     * Stored prompts (JSON arrays of messages, long texts as {@value #TEXT_ID_FIELD}) with every text in place, in the
     * same order; anything else (a version 1 row's plain input) is returned as is.
     */
    List<String> resolvePrompts(List<String> prompts) throws SQLException {
        if (!hasTexts) {
            return prompts;
        }
        Map<Integer, ArrayNode> trees = new LinkedHashMap<>();
        Set<Long> wanted = new HashSet<>();
        for (int i = 0; i < prompts.size(); i++) {
            String prompt = prompts.get(i);
            if (prompt != null && prompt.startsWith("[") && prompt.contains(TEXT_ID_FIELD)
                    && parse(prompt) instanceof ArrayNode messages) {
                trees.put(i, messages);
                for (JsonNode m : messages) {
                    if (m.path(TEXT_ID_FIELD).canConvertToLong()) {
                        wanted.add(m.path(TEXT_ID_FIELD).asLong());
                    }
                }
            }
        }
        if (trees.isEmpty()) {
            return prompts;
        }
        Map<Long, String> bodies = bodies(wanted);
        List<String> out = new ArrayList<>(prompts);
        for (Map.Entry<Integer, ArrayNode> e : trees.entrySet()) {
            for (JsonNode m : e.getValue()) {
                if (m instanceof ObjectNode o && o.path(TEXT_ID_FIELD).canConvertToLong()) {
                    String body = bodies.get(o.path(TEXT_ID_FIELD).asLong());
                    o.remove(TEXT_ID_FIELD);
                    o.put("text", body == null ? "" : body); // role, name, text: the order short texts have
                }
            }
            out.set(e.getKey(), write(e.getValue()));
        }
        return out;
    }

    /** The text stored under each id (a missing one is left out). */
    Map<Long, String> bodies(Collection<Long> ids) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        if (!hasTexts || ids.isEmpty()) {
            return out;
        }
        // the texts and every text they extend: one query per level, and a run's texts mostly extend each other
        Map<Long, Long> extendsOf = new HashMap<>();
        Map<Long, Object[]> partsOf = new HashMap<>(); // from schema version 9: the chunk ids a text adds
        Set<Long> wanted = new HashSet<>(ids);
        while (!wanted.isEmpty()) {
            Set<Long> next = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, extends_id" + (partsColumn ? ", parts" : "")
                    + " FROM texts WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("BIGINT", wanted.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long base = rs.getLong(2);
                        boolean none = rs.wasNull();
                        extendsOf.put(rs.getLong(1), none ? null : base);
                        java.sql.Array parts = partsColumn ? rs.getArray(3) : null;
                        if (parts != null) {
                            partsOf.put(rs.getLong(1), (Object[]) parts.getArray());
                        }
                        if (!none) {
                            next.add(base);
                        }
                    }
                }
            }
            next.removeAll(extendsOf.keySet());
            wanted = next;
        }
        Map<Long, StringBuilder> own = new HashMap<>();
        Set<Long> inRows = new HashSet<>(extendsOf.keySet());
        inRows.removeAll(partsOf.keySet());
        if (!inRows.isEmpty()) { // texts written before version 9: their parts are rows
            try (PreparedStatement ps = c.prepareStatement("SELECT p.text_id, c.body FROM " + partRows + " p"
                    + " JOIN text_chunks c ON c.id = p.chunk_id WHERE p.text_id = ANY(?) ORDER BY p.text_id, p.pos")) {
                ps.setArray(1, c.createArrayOf("BIGINT", inRows.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        own.computeIfAbsent(rs.getLong(1), k -> new StringBuilder()).append(rs.getString(2));
                    }
                }
            }
        }
        if (!partsOf.isEmpty()) {
            Set<Object> chunkIds = new HashSet<>();
            partsOf.values().forEach(p -> chunkIds.addAll(java.util.Arrays.asList(p)));
            Map<Long, String> chunks = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, body FROM text_chunks WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("BIGINT", chunkIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chunks.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
            for (Map.Entry<Long, Object[]> e : partsOf.entrySet()) {
                StringBuilder sb = new StringBuilder();
                for (Object id : e.getValue()) {
                    String body = id == null ? null : chunks.get(((Number) id).longValue());
                    sb.append(body == null ? "" : body); // a missing chunk reads as empty; audit verify names it
                }
                own.put(e.getKey(), sb);
            }
        }
        Map<Long, String> built = new HashMap<>();
        for (Long id : ids) {
            if (extendsOf.containsKey(id)) {
                out.put(id, assemble(id, extendsOf, own, built));
            }
        }
        return out;
    }

    /** A text: the text it extends (walked iteratively, built once), then its own chunks. */
    private static String assemble(Long id, Map<Long, Long> extendsOf, Map<Long, StringBuilder> own,
                                   Map<Long, String> built) {
        List<Long> lineage = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Long t = id;
        // a changed row could make a text extend itself: stop at a repeat (audit verify names such a text)
        while (t != null && !built.containsKey(t) && seen.add(t)) {
            lineage.add(t);
            t = extendsOf.get(t);
        }
        String text = t != null && built.containsKey(t) ? built.get(t) : "";
        for (int i = lineage.size() - 1; i >= 0; i--) {
            StringBuilder part = own.get(lineage.get(i));
            text = part == null ? text : text + part;
            built.put(lineage.get(i), text);
        }
        return built.getOrDefault(id, text);
    }

    private static void replace(ObjectNode root, String pointer, String text) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        // a text that is missing (deleted rows) reads as empty here; audit verify names it
        TextNode value = TextNode.valueOf(text == null ? "" : text);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a && !last.isEmpty() && last.length() < 10
                && last.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(last);
            if (index < a.size()) {
                a.set(index, value);
            }
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
