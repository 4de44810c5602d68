package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ToolSchemaMapperTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void typesRequiredEnumsNestedObjectsAndArraysReachLangChain4j() throws Exception {
        String schema = """
                {"type": "object", "additionalProperties": false, "required": ["method", "address"],
                 "properties": {
                   "method": {"type": "string", "enum": ["GET", "POST"], "description": "HTTP method"},
                   "count": {"type": "integer", "minimum": 1},
                   "address": {"type": "object", "required": ["city"],
                               "properties": {"city": {"type": "string"}, "zip": {"type": ["string", "null"]}}},
                   "tags": {"type": "array", "items": {"type": "string"}},
                   "either": {"anyOf": [{"type": "number"}, {"type": "boolean"}]}
                 }}""";
        JsonObjectSchema s = ToolSchemaMapper.parameters(MAPPER.readTree(schema));
        assertThat(s.required()).containsExactly("method", "address");
        assertThat(s.additionalProperties()).isFalse();
        assertThat(s.properties().get("method")).isInstanceOfSatisfying(JsonEnumSchema.class, e -> {
            assertThat(e.enumValues()).containsExactly("GET", "POST");
            assertThat(e.description()).isEqualTo("HTTP method");
        });
        assertThat(s.properties().get("count")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(s.properties().get("address")).isInstanceOfSatisfying(JsonObjectSchema.class,
                o -> assertThat(o.required()).containsExactly("city"));
        assertThat(s.properties().get("tags")).isInstanceOf(JsonArraySchema.class);
        // the way a provider will print it: back to the JSON Schema the tool declared (bounds aside)
        String printed = MAPPER.writeValueAsString(JsonSchemaElementUtils.toMap(s));
        assertThat(MAPPER.readTree(printed).at("/properties/address/properties/city/type").asText())
                .isEqualTo("string");
        assertThat(MAPPER.readTree(printed).at("/properties/either/anyOf/1/type").asText()).isEqualTo("boolean");
    }

    @Test
    void referencesAllOfConstAndEnumsOfNumbersAsRealServersWriteThem() throws Exception {
        String schema = """
                {"type": "object",
                 "properties": {
                   "node": {"$ref": "#/definitions/Node"},
                   "item": {"$ref": "#/$defs/Item"},
                   "p": {"allOf": [{"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
                                   {"type": "object", "properties": {"b": {"type": "number"}}}]},
                   "kind": {"const": "file"},
                   "level": {"type": "integer", "enum": [1, 2, 3]},
                   "mode": {"enum": ["fast", null]}
                 },
                 "definitions": {"Node": {"type": "object", "properties": {"name": {"type": "string"},
                   "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}}}},
                 "$defs": {"Item": {"type": "object", "properties": {"id": {"type": "integer"}}}}}""";
        JsonObjectSchema s = ToolSchemaMapper.parameters(MAPPER.readTree(schema));
        com.fasterxml.jackson.databind.JsonNode printed = MAPPER.readTree(
                MAPPER.writeValueAsString(JsonSchemaElementUtils.toMap(s)));
        // references are written out in place (Gemini's mapping throws on a reference), a recursive one once
        assertThat(printed.toString()).doesNotContain("$ref").doesNotContain("$defs");
        assertThat(printed.at("/properties/item/properties/id/type").asText()).isEqualTo("integer");
        assertThat(printed.at("/properties/node/properties/name/type").asText()).isEqualTo("string");
        assertThat(printed.at("/properties/node/properties/children/items/type").asText()).isEqualTo("object");
        assertThat(printed.at("/properties/node/properties/children/items/description").asText())
                .contains("Node");
        // and Gemini's own mapping takes it
        java.lang.reflect.Method gemini = Class.forName("dev.langchain4j.model.googleai.SchemaMapper")
                .getDeclaredMethod("fromJsonSchemaToGSchema", dev.langchain4j.model.chat.request.json.JsonSchemaElement.class);
        gemini.setAccessible(true);
        assertThat(gemini.invoke(null, s)).isNotNull();
        assertThat(printed.at("/properties/p/properties/a/type").asText()).isEqualTo("string");
        assertThat(printed.at("/properties/p/properties/b/type").asText()).isEqualTo("number");
        assertThat(printed.at("/properties/p/required/0").asText()).isEqualTo("a");
        assertThat(printed.at("/properties/kind/enum/0").asText()).isEqualTo("file");
        assertThat(printed.at("/properties/level/type").asText()).isEqualTo("integer");
        assertThat(printed.at("/properties/level/description").asText()).contains("one of 1, 2, 3");
        assertThat(printed.at("/properties/mode/anyOf/0/enum/0").asText()).isEqualTo("fast");
        assertThat(printed.at("/properties/mode/anyOf/1/type").asText()).isEqualTo("null");
    }

    @Test
    void aSchemaThatIsNotAnObjectGivesAnEmptyObject() throws Exception {
        assertThat(ToolSchemaMapper.parameters(MAPPER.readTree("\"nonsense\"")).properties()).isEmpty();
        assertThat(ToolSchemaMapper.parameters(null).properties()).isEmpty();
    }
}
