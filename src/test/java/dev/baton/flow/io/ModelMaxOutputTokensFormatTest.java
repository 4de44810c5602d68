package dev.baton.flow.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.ModelRef;
import dev.baton.flow.Problem;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code model.maxOutputTokens}: written last, read back, allowed by the schema, kept in range by the validator. */
class ModelMaxOutputTokensFormatTest {

    private static final ModelRef LOCAL = new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", "http://127.0.0.1:1/v1",
            0.3, 90);

    private static Flow withLimits(Integer flowTokens, Integer nodeTokens) {
        Flow flow = TestFlows.minimal().withDefaultModel(LOCAL.withMaxOutputTokens(flowTokens));
        List<AgentNode> nodes = flow.nodes().stream()
                .map(n -> n.id().equals("out") ? n.withModel(LOCAL.withMaxOutputTokens(nodeTokens)) : n).toList();
        return flow.withNodes(nodes);
    }

    @Test
    void theLimitIsWrittenAfterTheTimeoutAndReadBack() throws Exception {
        Flow flow = withLimits(2048, 100);

        String text = FlowJson.write(flow);
        Flow back = FlowJson.read(text).flow();

        assertThat(back).isEqualTo(flow);
        assertThat(back.defaultModel().maxOutputTokens()).isEqualTo(2048);
        assertThat(text).contains("\"timeoutSeconds\": 90,\n    \"maxOutputTokens\": 2048\n");
        assertThat(FlowJson.write(back)).isEqualTo(text);
    }

    @Test
    void absentMeansTheProvidersDefaultAndIsNotWritten() throws Exception {
        String text = FlowJson.write(withLimits(null, null));

        assertThat(text).doesNotContain("maxOutputTokens");
        assertThat(FlowJson.read(text).flow().defaultModel().maxOutputTokens()).isNull();
    }

    @Test
    void theSchemaAllowsTheField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = FlowJson.class.getResourceAsStream(FlowJson.SCHEMA_RESOURCE)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(json.readTree(in));
            String text = FlowJson.write(withLimits(2048, 100));
            assertThat(schema.validate(json.readTree(text))).isEmpty();
            assertThat(schema.validate(json.readTree(text.replace("\"maxOutputTokens\": 2048",
                    "\"maxOutputTokens\": \"long\"")))).isNotEmpty();
        }
    }

    @Test
    void theValidatorKeepsTheLimitBetweenOneAndAMillion() {
        assertThat(FlowValidator.validate(withLimits(1, 1_000_000)).stream().map(Problem::code))
                .doesNotContain("model-max-output-tokens-out-of-range");
        List<Problem> problems = FlowValidator.validate(withLimits(0, 1_000_001));
        assertThat(problems).filteredOn(p -> p.code().equals("model-max-output-tokens-out-of-range"))
                .extracting(Problem::pointer).containsExactlyInAnyOrder("/defaultModel/maxOutputTokens",
                        "/nodes/1/model/maxOutputTokens");
    }
}
