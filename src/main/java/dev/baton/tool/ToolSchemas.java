package dev.baton.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small builder for the JSON Schema objects the built-in tools declare (draft 2020-12 keywords). */
public final class ToolSchemas {

    /** One mapper for tool arguments and schemas. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ToolSchemas() {
    }

    /** Starts an object schema; closed to properties it does not declare. */
    public static Builder object() {
        return new Builder();
    }

    /** A string property. */
    public static ObjectNode string(String description) {
        return typed("string", description);
    }

    /** An integer property with bounds. */
    public static ObjectNode integer(String description, long min, long max) {
        ObjectNode n = typed("integer", description);
        n.put("minimum", min);
        n.put("maximum", max);
        return n;
    }

    /** A boolean property. */
    public static ObjectNode bool(String description) {
        return typed("boolean", description);
    }

    /** A string property restricted to some values. */
    public static ObjectNode enumeration(String description, String... values) {
        ObjectNode n = string(description);
        ArrayNode e = n.putArray("enum");
        for (String v : values) {
            e.add(v);
        }
        return n;
    }

    /** An object property whose values are strings (e.g. HTTP headers). */
    public static ObjectNode stringMap(String description) {
        ObjectNode n = typed("object", description);
        n.putObject("additionalProperties").put("type", "string");
        return n;
    }

    private static ObjectNode typed(String type, String description) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", type);
        if (description != null && !description.isEmpty()) {
            n.put("description", description);
        }
        return n;
    }

    /** Builds {@code {"type":"object","properties":{…},"required":[…],"additionalProperties":false}}. */
    public static final class Builder {
        private final ObjectNode schema = MAPPER.createObjectNode();
        private final ObjectNode properties;
        private final ArrayNode required;

        private Builder() {
            schema.put("type", "object");
            properties = schema.putObject("properties");
            required = schema.putArray("required");
        }

        /** A required property. */
        public Builder required(String name, ObjectNode property) {
            properties.set(name, property);
            required.add(name);
            return this;
        }

        /** An optional property. */
        public Builder optional(String name, ObjectNode property) {
            properties.set(name, property);
            return this;
        }

        public ObjectNode build() {
            ObjectNode copy = schema.deepCopy();
            copy.put("additionalProperties", false);
            return copy;
        }
    }
}
