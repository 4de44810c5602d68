package dev.baton.ui.inspector;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool's JSON-Schema parameters in one short line for the picker: {@code path: string*, offset: integer} (a star
 * marks a required one), enums as {@code GET|POST}, nested objects in braces, arrays as {@code string[]}.
 */
public final class SchemaSummary {

    /** Deeper than this, an object shows as {@code {…}}: a line is a summary, not the schema. */
    private static final int MAX_DEPTH = 2;
    private static final int MAX_ENUM = 4;

    private SchemaSummary() {
    }

    /** The summary of an object schema; "no parameters" when it has none. */
    public static String of(JsonNode schema) {
        String s = properties(schema, 0);
        return s.isEmpty() ? "no parameters" : s;
    }

    private static String properties(JsonNode schema, int depth) {
        JsonNode props = schema == null ? null : schema.get("properties");
        if (props == null || !props.isObject() || props.isEmpty()) {
            return "";
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = props.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> p = it.next();
            parts.add(p.getKey() + (required.contains(p.getKey()) ? "*" : "") + ": " + type(p.getValue(), depth));
        }
        return String.join(", ", parts);
    }

    private static String type(JsonNode s, int depth) {
        JsonNode en = s.get("enum");
        if (en != null && en.isArray() && !en.isEmpty()) {
            List<String> values = new ArrayList<>();
            en.forEach(v -> values.add(v.asText()));
            return values.size() > MAX_ENUM ? String.join("|", values.subList(0, MAX_ENUM)) + "|…"
                    : String.join("|", values);
        }
        if (s.path("$ref").isTextual()) { // a server's own definition: its name says most
            String ref = s.get("$ref").asText();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }
        if (s.has("const")) {
            return s.get("const").toString(); // as JSON: "a" for a string, 2 for a number
        }
        if (s.path("allOf").isArray() && !s.get("allOf").isEmpty() && depth < MAX_DEPTH) {
            List<String> parts = new ArrayList<>();
            s.get("allOf").forEach(o -> parts.add(type(o, depth + 1)));
            return String.join("&", parts);
        }
        for (String union : List.of("anyOf", "oneOf")) {
            if (s.path(union).isArray() && !s.get(union).isEmpty() && depth < MAX_DEPTH) {
                List<String> options = new ArrayList<>();
                s.get(union).forEach(o -> options.add(type(o, depth + 1)));
                return String.join("|", options);
            }
        }
        String t = s.path("type").isArray() ? s.path("type").path(0).asText("any") : s.path("type").asText("any");
        if ("array".equals(t)) {
            return type(s.path("items"), depth) + "[]";
        }
        if ("object".equals(t)) {
            if (depth >= MAX_DEPTH) {
                return "{…}";
            }
            String inner = properties(s, depth + 1);
            return inner.isEmpty() ? "object" : "{" + inner + "}";
        }
        return t;
    }
}
