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
    void aSchemaThatIsNotAnObjectGivesAnEmptyObject() throws Exception {
        assertThat(ToolSchemaMapper.parameters(MAPPER.readTree("\"nonsense\"")).properties()).isEmpty();
        assertThat(ToolSchemaMapper.parameters(null).properties()).isEmpty();
    }
}
