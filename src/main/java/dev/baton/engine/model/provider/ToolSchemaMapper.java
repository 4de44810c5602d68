package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A tool's JSON-Schema parameter object (Jackson, as Baton's tools declare it) as LangChain4j's
 * {@link JsonObjectSchema}, at the provider edge: types, descriptions, required, enums, nested objects, arrays,
 * anyOf/oneOf, additionalProperties. Bounds such as minimum or maxLength have no place in LangChain4j's elements;
 * they are dropped here and still enforced, since Baton checks every call's arguments against the full schema.
 */
public final class ToolSchemaMapper {

    private ToolSchemaMapper() {
    }

    /** The parameters of a tool; a schema that is not an object becomes an object without properties. */
    public static JsonObjectSchema parameters(JsonNode schema) {
        if (schema != null && element(schema) instanceof JsonObjectSchema object) {
            return object;
        }
        return JsonObjectSchema.builder().build();
    }

    static JsonSchemaElement element(JsonNode s) {
        if (s == null || !s.isObject()) {
            return JsonStringSchema.builder().build();
        }
        String description = s.hasNonNull("description") ? s.get("description").asText() : null;
        JsonNode union = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
        if (union != null && union.isArray()) {
            List<JsonSchemaElement> options = new ArrayList<>();
            union.forEach(o -> options.add(element(o)));
            return JsonAnyOfSchema.builder().description(description).anyOf(options).build();
        }
        if (s.has("enum") && s.get("enum").isArray()) {
            List<String> values = new ArrayList<>();
            s.get("enum").forEach(v -> values.add(v.asText()));
            return JsonEnumSchema.builder().description(description).enumValues(values).build();
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

    private static JsonObjectSchema object(JsonNode s, String description) {
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
        return b.build();
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
