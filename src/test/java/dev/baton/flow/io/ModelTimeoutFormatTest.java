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

/** {@code model.timeoutSeconds}: written, read back, allowed by the schema, and kept in range by the validator. */
class ModelTimeoutFormatTest {

    private static final ModelRef LOCAL = new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", "http://127.0.0.1:1/v1",
            null);

    private static Flow withTimeouts(Integer flowTimeout, Integer nodeTimeout) {
        Flow flow = TestFlows.minimal().withDefaultModel(LOCAL.withTimeoutSeconds(flowTimeout));
        List<AgentNode> nodes = flow.nodes().stream()
                .map(n -> n.id().equals("out") ? n.withModel(LOCAL.withTimeoutSeconds(nodeTimeout)) : n).toList();
        return flow.withNodes(nodes);
    }

    @Test
    void theTimeoutIsWrittenAfterTemperatureAndReadBack() throws Exception {
        Flow flow = withTimeouts(300, 45);

        String text = FlowJson.write(flow);
        Flow back = FlowJson.read(text).flow();

        assertThat(back).isEqualTo(flow);
        assertThat(back.defaultModel().timeoutSeconds()).isEqualTo(300);
        assertThat(text).contains("\"baseUrl\": \"http://127.0.0.1:1/v1\",\n    \"timeoutSeconds\": 300\n");
        assertThat(FlowJson.write(back)).isEqualTo(text);
    }

    @Test
    void absentMeansTheDefaultAndIsNotWritten() throws Exception {
        Flow flow = withTimeouts(null, null);

        String text = FlowJson.write(flow);

        assertThat(text).doesNotContain("timeoutSeconds");
        assertThat(FlowJson.read(text).flow().defaultModel().effectiveTimeoutSeconds())
                .isEqualTo(ModelRef.DEFAULT_TIMEOUT_SECONDS).isEqualTo(60);
    }

    @Test
    void theSchemaAllowsTheField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = FlowJson.class.getResourceAsStream(FlowJson.SCHEMA_RESOURCE)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(json.readTree(in));
            assertThat(schema.validate(json.readTree(FlowJson.write(withTimeouts(300, 45))))).isEmpty();
            assertThat(schema.validate(json.readTree(FlowJson.write(withTimeouts(300, 45))
                    .replace("\"timeoutSeconds\": 300", "\"timeoutSeconds\": \"slow\"")))).isNotEmpty();
        }
    }

    @Test
    void theValidatorKeepsTheTimeoutBetweenOneSecondAndAnHour() {
        assertThat(codes(withTimeouts(1, 3600))).doesNotContain("model-timeout-out-of-range");
        List<Problem> problems = FlowValidator.validate(withTimeouts(0, 3601));
        assertThat(problems).filteredOn(p -> p.code().equals("model-timeout-out-of-range"))
                .extracting(Problem::pointer).containsExactlyInAnyOrder("/defaultModel/timeoutSeconds",
                        "/nodes/1/model/timeoutSeconds");
        assertThat(problems).filteredOn(p -> p.code().equals("model-timeout-out-of-range"))
                .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("timeoutSeconds 0")
                        .contains("1 to 3600"));
    }

    private static List<String> codes(Flow flow) {
        return FlowValidator.validate(flow).stream().map(Problem::code).toList();
    }
}
