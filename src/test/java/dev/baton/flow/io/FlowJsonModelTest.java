package dev.baton.flow.io;

import dev.baton.flow.Check;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** model → write → read gives the same model, and what is written has the canonical shape. */
class FlowJsonModelTest {

    @Test
    void everyFieldSurvivesARoundTrip() throws Exception {
        Flow flow = TestFlows.everyField();

        Flow back = FlowJson.read(FlowJson.write(flow)).flow();

        assertThat(back).isEqualTo(flow);
    }

    @Test
    void aMinimalFlowSurvivesARoundTrip() throws Exception {
        Flow flow = TestFlows.minimal();

        assertThat(FlowJson.read(FlowJson.write(flow)).flow()).isEqualTo(flow);
    }

    @Test
    void anEmptyFlowSurvivesARoundTrip() throws Exception {
        Flow flow = Flow.empty("empty", "Empty");

        assertThat(FlowJson.read(FlowJson.write(flow)).flow()).isEqualTo(flow);
    }

    @Test
    void writtenTextIsCanonical() throws Exception {
        String text = FlowJson.write(TestFlows.everyField());

        assertThat(FlowJson.write(FlowJson.read(text).flow())).isEqualTo(text);
        assertThat(text).startsWith("{\n  \"format\": \"baton.flow/1\",\n  \"id\": \"every-field\",\n")
                .endsWith("}\n").doesNotContain("\r").doesNotContain(" : ").doesNotContain("\t");
    }

    @Test
    void emptyValuesAreOmittedAndWholeNumbersHaveNoFraction() {
        String text = FlowJson.write(TestFlows.everyField());

        assertThat(text).doesNotContain("null").doesNotContain("\"\"").doesNotContain("[]")
                .contains("\"x\": 240,").contains("\"x\": 120.5,").contains("\"y\": -40.25")
                .contains("\"temperature\": 1\n").contains("\"peer\": 1,\n").contains("\"alt\": 0.25,")
                // an empty critic spec is kept, so that a CRITIC stays a critic after a round trip
                .contains("\"critic\": {},");
    }

    @Test
    void arraysAreOneElementPerLine() {
        String text = FlowJson.write(TestFlows.everyField());

        assertThat(text).contains("      \"tools\": [\n        \"web_search\",\n        \"calculator\"\n      ],\n");
    }

    @Test
    void theJsonSchemaOfACheckIsNestedJsonInTheFileAndCompactTextInTheModel() throws Exception {
        String text = FlowJson.write(TestFlows.everyField());

        assertThat(text).contains("\"schema\": {\n              \"type\": \"object\",");
        String schema = FlowJson.read(text).flow().node("critic").orElseThrow().critic().checks().stream()
                .filter(c -> c instanceof Check.JsonSchema).map(c -> ((Check.JsonSchema) c).schema())
                .findFirst().orElseThrow();
        assertThat(schema).startsWith("{\"type\":\"object\",\"required\":[\"title\"]");
    }

    @Test
    void keysFollowTheFormatOrder() {
        String text = FlowJson.write(TestFlows.everyField());

        assertThat(text).containsSubsequence("\"format\"", "\"id\"", "\"name\"", "\"description\"",
                "\"defaultModel\"", "\"limits\"", "\"nodes\"", "\"edges\"");
        assertThat(text).containsSubsequence("\"maxTurnsPerAgent\": 5", "\"maxHandoffs\": 12",
                "\"maxCriticRetries\": 4", "\"agentTimeoutSeconds\": 90", "\"runDeadlineSeconds\": 1800",
                "\"tokenBudget\": 250000");
        assertThat(text).containsSubsequence("\"id\": \"boss\"", "\"kind\": \"SUPERVISOR\"", "\"name\"", "\"role\"",
                "\"goal\"", "\"instructions\"", "\"model\"", "\"provider\"", "\"name\"", "\"baseUrl\"",
                "\"temperature\"", "\"expectedOutput\"", "\"position\"");
        assertThat(text).containsSubsequence("\"id\": \"boss-worker\"", "\"kind\": \"DELEGATES\"", "\"from\"",
                "\"to\"", "\"label\"", "\"context\"");
        assertThat(text).containsSubsequence("\"type\": \"length\"", "\"min\": 10");
    }

    @Test
    void anAbsentLimitsObjectMeansTheDefaults() throws Exception {
        Flow flow = FlowJson.read("{\"format\": \"baton.flow/1\", \"id\": \"f\"}").flow();

        assertThat(flow.limits()).isEqualTo(Limits.DEFAULT);
    }

    @Test
    void absentOptionalLimitsAreNullAndAbsentRequiredOnesTakeTheDefault() throws Exception {
        String text = "{\"format\": \"baton.flow/1\", \"id\": \"f\", \"limits\": {\"maxTurnsPerAgent\": 3}}";

        Flow flow = FlowJson.read(text).flow();

        assertThat(flow.limits()).isEqualTo(new Limits(3, null, Limits.DEFAULT.maxCriticRetries(),
                Limits.DEFAULT.agentTimeout(), Limits.DEFAULT.runDeadline(), null));
    }

    @Test
    void aSchemaCheckHoldingNoJsonObjectCannotBeWritten() {
        Flow flow = TestFlows.minimal().replaceNode(TestFlows.minimal().nodes().get(0)
                .withCritic(new dev.baton.flow.CriticSpec(null, java.util.List.of(new Check.JsonSchema("[1]")))));

        assertThatThrownBy(() -> FlowJson.write(flow)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
    }
}
