package dev.baton.flow.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.NodeKind;
import dev.baton.flow.WorkerFailurePolicy;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A supervisor's onWorkerFailure in the file: written only when set, read back, checked by schema and validator. */
class WorkerFailurePolicyFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Flow supervised(WorkerFailurePolicy policy) {
        return Flow.empty("f", "F").addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("boss", NodeKind.SUPERVISOR, "Boss").withOnWorkerFailure(policy))
                .addNode(AgentNode.of("w", NodeKind.AGENT, "Worker"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("e1", "start", "boss")).addEdge(Edge.next("e2", "boss", "out"))
                .addEdge(Edge.delegates("d1", "boss", "w"));
    }

    private static JsonSchema schema() throws Exception {
        try (InputStream in = FlowJson.class.getResourceAsStream(FlowJson.SCHEMA_RESOURCE)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        }
    }

    @Test
    void aSetPolicyIsWrittenAfterTheJudgePartAndReadBack() throws Exception {
        Flow flow = supervised(WorkerFailurePolicy.FAIL);
        String text = FlowJson.write(flow);

        assertThat(text).contains("\"kind\": \"SUPERVISOR\",\n      \"name\": \"Boss\",\n"
                + "      \"onWorkerFailure\": \"FAIL\",\n      \"position\"");
        assertThat(FlowJson.read(text).flow()).isEqualTo(flow);
        assertThat(FlowJson.write(FlowJson.read(text).flow())).isEqualTo(text);
        assertThat(schema().validate(JSON.readTree(text))).isEmpty();
        assertThat(FlowValidator.validate(flow)).noneMatch(p -> p.code().startsWith("worker-failure"));
    }

    @Test
    void theDefaultIsNotWrittenSoOlderFilesStayByteIdentical() throws Exception {
        Flow flow = supervised(null);
        String text = FlowJson.write(flow);

        assertThat(text).doesNotContain("onWorkerFailure");
        assertThat(FlowJson.read(text).flow().node("boss").orElseThrow().effectiveOnWorkerFailure())
                .isEqualTo(WorkerFailurePolicy.REPORT);
    }

    @Test
    void anUnknownValueIsRejectedWithItsPlace() throws Exception {
        String text = FlowJson.write(supervised(WorkerFailurePolicy.FAIL)).replace("\"FAIL\"", "\"SOMETIMES\"");

        FlowLoadException e = catchThrowableOfType(FlowLoadException.class, () -> FlowJson.read(text));
        assertThat(e.getMessage()).contains("onWorkerFailure").contains("SOMETIMES");
        assertThat(schema().validate(JSON.readTree(text))).isNotEmpty();
    }

    @Test
    void thePolicyOnANodeThatIsNoSupervisorIsAWarning() {
        Flow flow = supervised(null).updateNode("w", n -> n.withOnWorkerFailure(WorkerFailurePolicy.FAIL));

        assertThat(FlowValidator.validate(flow)).filteredOn(p -> p.code().equals("worker-failure-not-supervisor"))
                .singleElement().satisfies(p -> {
                    assertThat(p.isError()).isFalse();
                    assertThat(p.elementId()).isEqualTo("w");
                    assertThat(p.pointer()).endsWith("/onWorkerFailure");
                });
    }
}
