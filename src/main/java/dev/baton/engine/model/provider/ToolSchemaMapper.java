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
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool's JSON-Schema parameter object (Jackson, as Baton's tools declare it) as LangChain4j's
 * {@link JsonObjectSchema}, at the provider edge: types, descriptions, required, enums, nested objects, arrays,
 * anyOf/oneOf, allOf of objects (merged), const, references into the schema's own {@code $defs} / {@code definitions},
 * additionalProperties. Bounds such as minimum or maxLength have no place in LangChain4j's elements;
 * they are dropped here and still enforced, since Baton checks every call's arguments against the full schema.
 */
public final class ToolSchemaMapper {

    private ToolSchemaMapper() {
    }

    /** The parameters of a tool; a schema that is not an object becomes an object without properties. */
    public static JsonObjectSchema parameters(JsonNode schema) {
        if (schema != null && schema.isObject() && "object".equals(type(schema)) && !schema.has("anyOf")
                && !schema.has("oneOf")) {
            JsonObjectSchema.Builder b = objectBuilder(schema, text(schema, "description"));
            Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
            for (String keyword : List.of("definitions", "$defs")) { // draft 7's name, then 2020-12's
                JsonNode defs = schema.get(keyword);
                if (defs != null && defs.isObject()) {
                    defs.fields().forEachRemaining(d -> definitions.put(d.getKey(), element(d.getValue())));
                }
            }
            if (!definitions.isEmpty()) {
                b.definitions(definitions);
            }
            return b.build();
        }
        return JsonObjectSchema.builder().build();
    }

    private static String text(JsonNode s, String field) {
        return s.hasNonNull(field) ? s.get(field).asText() : null;
    }

    static JsonSchemaElement element(JsonNode s) {
        if (s == null || !s.isObject()) {
            return JsonStringSchema.builder().build();
        }
        String description = text(s, "description");
        JsonNode ref = s.get("$ref");
        if (ref != null && ref.isTextual()) {
            // a reference into the parameters' own definitions ($defs or draft 7's definitions), by name
            String r = ref.asText();
            for (String prefix : List.of("#/$defs/", "#/definitions/")) {
                if (r.startsWith(prefix) && r.length() > prefix.length() && r.indexOf('/', prefix.length()) < 0) {
                    return JsonReferenceSchema.builder().reference(r.substring(prefix.length())).build();
                }
            }
            return JsonStringSchema.builder().description(description).build();
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
    private static JsonSchemaElement allOf(JsonNode parts, String description) {
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

    private static JsonObjectSchema object(JsonNode s, String description) {
        return objectBuilder(s, description).build();
    }

    private static JsonObjectSchema.Builder objectBuilder(JsonNode s, String description) {
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
