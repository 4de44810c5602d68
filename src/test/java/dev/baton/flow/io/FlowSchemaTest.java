package dev.baton.flow.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schema accepts every canonical file and is as strict as the reader about unknown fields. */
class FlowSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = FlowJson.class.getResourceAsStream(FlowJson.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema resource").isNotNull();
            JsonNode schemaNode = JSON.readTree(in);
            assertThat(schemaNode.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
        }
    }

    static List<Path> sampleFiles() throws Exception {
        return FlowJsonRoundTripTest.sampleFiles();
    }

    private static Set<ValidationMessage> validate(String json) throws Exception {
        return schema.validate(JSON.readTree(json));
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void everySampleIsValid(Path sample) throws Exception {
        assertThat(validate(Files.readString(sample))).isEmpty();
    }

    @Test
    void everyWrittenFieldIsValid() throws Exception {
        assertThat(validate(FlowJson.write(TestFlows.everyField()))).isEmpty();
        assertThat(validate(FlowJson.write(TestFlows.minimal()))).isEmpty();
    }

    @Test
    void anUnknownNodeFieldIsRejected() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(FlowJson.write(TestFlows.everyField()));
        ((ObjectNode) doc.withArray("/nodes").get(1)).put("colour", "red");

        Set<ValidationMessage> messages = schema.validate(doc);

        assertThat(messages).isNotEmpty();
        assertThat(messages).anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).contains("nodes")
                .contains("1"));
    }

    @Test
    void anUnknownTopLevelFieldIsRejected() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(FlowJson.write(TestFlows.minimal()));
        doc.put("version", 2);

        assertThat(schema.validate(doc)).isNotEmpty();
    }

    @Test
    void aWrongFormatMarkerIsRejected() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(FlowJson.write(TestFlows.minimal()));
        doc.put("format", "baton.flow/2");

        assertThat(schema.validate(doc)).isNotEmpty();
    }

    @Test
    void aFieldOfAnotherCheckTypeIsRejected() throws Exception {
        String json = FlowJson.write(TestFlows.everyField()).replace("\"type\": \"length\",",
                "\"type\": \"length\",\n\"pattern\": \"x\",");

        assertThat(validate(json)).isNotEmpty();
    }

    @Test
    void anUnknownEnumValueIsRejected() throws Exception {
        String json = FlowJson.write(TestFlows.minimal()).replace("\"kind\": \"OUTPUT\"", "\"kind\": \"OUT\"");

        assertThat(validate(json)).isNotEmpty();
    }
}
