package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A tool's JSON-Schema parameter object (Jackson, as Baton's tools declare it) as LangChain4j's
 * {@link JsonObjectSchema}, at the provider edge: types, descriptions, required, enums, nested objects, arrays,
 * anyOf/oneOf, allOf of objects (merged), const, references into the schema's own {@code $defs} / {@code definitions}
 * (written out in place),
 * additionalProperties. Bounds such as minimum or maxLength have no place in LangChain4j's elements;
 * they are dropped here and still enforced, since Baton checks every call's arguments against the full schema.
 */
public final class ToolSchemaMapper {

    /** Longest chain of references expanded inside one another (a recursive definition stops here). */
    private static final int MAX_DEPTH = 4;

    /** The parameters' own definitions by name, from {@code $defs} and draft 7's {@code definitions}. */
    private final Map<String, JsonNode> definitions = new HashMap<>();
    /** The definitions being expanded, outermost first. */
    private final Deque<String> expanding = new ArrayDeque<>();

    private ToolSchemaMapper(JsonNode root) {
        for (String keyword : List.of("definitions", "$defs")) {
            JsonNode defs = root.get(keyword);
            if (defs != null && defs.isObject()) {
                defs.fields().forEachRemaining(d -> definitions.put(d.getKey(), d.getValue()));
            }
        }
    }

    /**
     * The parameters of a tool; a schema that is not an object becomes an object without properties. References into
     * the schema's own definitions are written out in place: Gemini's mapping knows no references (LangChain4j
     * 1.19.0 throws on them), and every provider reads an inlined schema alike.
     */
    public static JsonObjectSchema parameters(JsonNode schema) {
        if (schema != null && schema.isObject() && "object".equals(type(schema)) && !schema.has("anyOf")
                && !schema.has("oneOf")) {
            return new ToolSchemaMapper(schema).object(schema, text(schema, "description"));
        }
        return JsonObjectSchema.builder().build();
    }

    private static String text(JsonNode s, String field) {
        return s.hasNonNull(field) ? s.get(field).asText() : null;
    }

    private JsonSchemaElement element(JsonNode s) {
        if (s == null || !s.isObject()) {
            return JsonStringSchema.builder().build();
        }
        String description = text(s, "description");
        JsonNode ref = s.get("$ref");
        if (ref != null && ref.isTextual()) {
            // a reference into the parameters' own definitions ($defs or draft 7's definitions), by name
            return reference(ref.asText(), description);
        }
        JsonNode all = s.get("allOf");
        if (all != null && all.isArray() && !all.isEmpty()) {
            return allOf(all, description);
        }
        if (s.has("const")) {
            return values(List.of(s.get("const")), description);
        }
        JsonNode union = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
        if (union != null && union.isArray()) {
            List<JsonSchemaElement> options = new ArrayList<>();
            union.forEach(o -> options.add(element(o)));
            return JsonAnyOfSchema.builder().description(description).anyOf(options).build();
        }
        if (s.has("enum") && s.get("enum").isArray()) {
            List<JsonNode> values = new ArrayList<>();
            s.get("enum").forEach(values::add);
            return values(values, description);
        }
        switch (type(s)) {
            case "object":
                return object(s, description);
            case "array":
                return JsonArraySchema.builder().description(description)
                        .items(s.has("items") ? element(s.get("items")) : JsonStringSchema.builder().build()).build();
            case "integer":
                return JsonIntegerSchema.builder().description(description).build();
            case "number":
                return JsonNumberSchema.builder().description(description).build();
            case "boolean":
                return JsonBooleanSchema.builder().description(description).build();
            case "null":
                return new JsonNullSchema();
            default:
                return JsonStringSchema.builder().description(description).build();
        }
    }

    /**
     * A reference into the definitions ({@code #/$defs/Name}, {@code #/definitions/Name}) as the definition itself; one
     * met again inside its own expansion, or past {@link #MAX_DEPTH}, as an object its description names.
     */
    private JsonSchemaElement reference(String ref, String description) {
        for (String prefix : List.of("#/$defs/", "#/definitions/")) {
            if (ref.startsWith(prefix) && ref.indexOf('/', prefix.length()) < 0) {
                String name = ref.substring(prefix.length());
                JsonNode definition = definitions.get(name);
                if (definition == null) {
                    break;
                }
                if (expanding.contains(name) || expanding.size() >= MAX_DEPTH) {
                    return JsonObjectSchema.builder().description((description == null ? "" : description + " ")
                            + "(a " + name + ", as above)").build();
                }
                expanding.push(name);
                try {
                    return element(definition);
                } finally {
                    expanding.pop();
                }
            }
        }
        return JsonStringSchema.builder().description(description).build();
    }

    /**
     * Allowed values: strings as an enum (with null as an alternative when it is allowed); numbers as a number or
     * integer whose description lists them (LangChain4j's enums are strings, and a model would send "2" for 2);
     * anything else as a string enum of their texts.
     */
    private static JsonSchemaElement values(List<JsonNode> values, String description) {
        List<String> texts = new ArrayList<>();
        boolean strings = true;
        boolean integers = true;
        boolean numbers = true;
        boolean nullable = false;
        for (JsonNode v : values) {
            if (v.isNull()) {
                nullable = true;
                continue;
            }
            texts.add(v.asText());
            strings &= v.isTextual();
            integers &= v.isIntegralNumber();
            numbers &= v.isNumber();
        }
        if (texts.isEmpty()) {
            return new JsonNullSchema();
        }
        JsonSchemaElement e;
        if (strings) {
            e = JsonEnumSchema.builder().description(description).enumValues(texts).build();
        } else if (integers || numbers) {
            String listed = (description == null ? "" : description + " ") + "(one of " + String.join(", ", texts) + ")";
            e = integers ? JsonIntegerSchema.builder().description(listed).build()
                    : JsonNumberSchema.builder().description(listed).build();
        } else {
            e = JsonEnumSchema.builder().description(description).enumValues(texts).build();
        }
        return nullable ? JsonAnyOfSchema.builder().anyOf(List.of(e, new JsonNullSchema())).build() : e;
    }

    /** allOf of object schemas as one object with every part's properties; otherwise its first part. */
    private JsonSchemaElement allOf(JsonNode parts, String description) {
        boolean objects = true;
        for (JsonNode p : parts) {
            objects &= p.isObject() && "object".equals(type(p)) && !p.has("$ref");
        }
        if (!objects) {
            return element(parts.get(0));
        }
        ObjectNode merged = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = merged.putObject("properties");
        com.fasterxml.jackson.databind.node.ArrayNode required = merged.putArray("required");
        for (JsonNode p : parts) {
            if (p.path("properties").isObject()) {
                properties.setAll((ObjectNode) p.get("properties"));
            }
            p.path("required").forEach(required::add);
        }
        return object(merged, description);
    }

    private JsonObjectSchema object(JsonNode s, String description) {
        return objectBuilder(s, description).build();
    }

    private JsonObjectSchema.Builder objectBuilder(JsonNode s, String description) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
        JsonNode props = s.get("properties");
        if (props != null && props.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                b.addProperty(p.getKey(), element(p.getValue()));
            }
        }
        JsonNode required = s.get("required");
        if (required != null && required.isArray() && !required.isEmpty()) {
            List<String> names = new ArrayList<>();
            required.forEach(r -> names.add(r.asText()));
            b.required(names);
        }
        if (s.has("additionalProperties") && s.get("additionalProperties").isBoolean()) {
            b.additionalProperties(s.get("additionalProperties").asBoolean());
        }
        return b;
    }

    /** The schema's type; for a list such as ["string", "null"] the first that is not null. */
    private static String type(JsonNode s) {
        JsonNode t = s.get("type");
        if (t == null) {
            return s.has("properties") ? "object" : "string";
        }
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (!"null".equals(x.asText())) {
                    return x.asText();
                }
            }
            return "null";
        }
        return t.asText();
    }
}
