package dev.baton.ui.inspector;

import dev.baton.ui.palette.AgentTemplate;
import dev.baton.ui.palette.PaletteModel;
import dev.baton.flow.Check;
import dev.baton.flow.ContextMode;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.shell.UiFlows;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each committed inspector field is one command; unreadable text gives a message and no command. */
class InspectorModelTest {

    private final FlowDocument doc = new FlowDocument(UiFlows.small());
    private final InspectorModel model = new InspectorModel(doc);

    @Test
    void nodeFieldEditIsOneUndoStep() {
        Flow before = doc.flow();
        assertThat(model.commit("writer", InspectorModel.NodeField.NAME, "Copywriter")).isEmpty();
        assertThat(doc.flow().node("writer").orElseThrow().name()).isEqualTo("Copywriter");
        assertThat(doc.commands().undoLabel().get()).isEqualTo("Undo Edit name");
        doc.commands().undo();
        assertThat(doc.flow()).isEqualTo(before);
    }

    @Test
    void aSupervisorsWorkerFailurePolicyIsOneUndoStepAndTheDefaultStaysUnset() {
        assertThat(InspectorModel.read(doc.flow().node("lead").orElseThrow(),
                InspectorModel.NodeField.ON_WORKER_FAILURE)).isEqualTo("REPORT");
        model.commit("lead", InspectorModel.NodeField.ON_WORKER_FAILURE, "FAIL");
        assertThat(doc.flow().node("lead").orElseThrow().onWorkerFailure())
                .isEqualTo(dev.baton.flow.WorkerFailurePolicy.FAIL);
        assertThat(doc.commands().undoLabel().get()).isEqualTo("Undo Edit on worker failure");
        model.commit("lead", InspectorModel.NodeField.ON_WORKER_FAILURE, "REPORT");
        assertThat(doc.flow().node("lead").orElseThrow().onWorkerFailure()).isNull();
    }

    @Test
    void unchangedValueMakesNoCommand() {
        model.commit("writer", InspectorModel.NodeField.NAME, " Writer ");
        assertThat(doc.commands().canUndo().get()).isFalse();
    }

    @Test
    void modelOverrideStartsFromTheFlowDefault() {
        model.commit("writer", InspectorModel.NodeField.PROVIDER, "ollama");
        // the simulated model's name does not follow to another provider: the person picks one of its models
        assertThat(doc.flow().node("writer").orElseThrow().model().label()).isEqualTo("ollama/");
        model.commit("writer", InspectorModel.NodeField.MODEL_NAME, "llama3.2");
        assertThat(doc.flow().node("writer").orElseThrow().model().label()).isEqualTo("ollama/llama3.2");
        model.commit("writer", InspectorModel.NodeField.PROVIDER, "ollama");
        assertThat(doc.flow().node("writer").orElseThrow().model().label()).isEqualTo("ollama/llama3.2");
        model.commit("writer", InspectorModel.NodeField.PROVIDER, "simulated");
        assertThat(doc.flow().node("writer").orElseThrow().model().label()).isEqualTo("simulated/sim-1");
        model.commit(InspectorModel.FlowField.PROVIDER, "openai");
        assertThat(doc.flow().defaultModel().label()).isEqualTo("openai/");
        model.commit("writer", InspectorModel.NodeField.PROVIDER, "");
        assertThat(doc.flow().node("writer").orElseThrow().model()).isNull();
    }

    @Test
    void edgePolicyAndBadNumbers() {
        model.commit("e1", InspectorModel.EdgeField.CONTEXT_MODE, "SUMMARY");
        assertThat(doc.flow().edge("e1").orElseThrow().context().mode()).isEqualTo(ContextMode.SUMMARY);
        int revision = doc.commands().revision().get();
        assertThat(model.commit("e1", InspectorModel.EdgeField.TOKEN_BUDGET, "lots")).hasValueSatisfying(
                m -> assertThat(m).contains("not a whole number"));
        assertThat(doc.commands().revision().get()).isEqualTo(revision);
    }

    @Test
    void flowLimits() {
        model.commit(InspectorModel.FlowField.MAX_HANDOFFS, "");
        assertThat(doc.flow().limits().maxHandoffs()).isNull();
        model.commit(InspectorModel.FlowField.AGENT_TIMEOUT_S, "30");
        assertThat(InspectorModel.read(doc.flow(), InspectorModel.FlowField.AGENT_TIMEOUT_S)).isEqualTo("30");
    }

    @Test
    void aSchemaTheFileCouldNotHoldIsRefusedAtItsLine() {
        // before, these reached the flow (the validator's own parser took "true") and failed only on save
        for (String bad : List.of("jsonSchema: true", "jsonSchema: {\"type\": \"object\",}", "jsonSchema: []")) {
            assertThatThrownBy(() -> CheckSyntax.parse("regex: ^#\n" + bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 2: the schema is not");
        }
        assertThatThrownBy(() -> CheckSyntax.parse("jsonSchema: {\"a\": 1,}"))
                .hasMessageContaining("not valid JSON at column");
        // in the inspector: the refused text leaves the flow as it was; what is accepted can be saved
        Flow before = doc.flow();
        assertThat(model.commit("writer", InspectorModel.NodeField.CHECKS, "jsonSchema: true")).isPresent();
        assertThat(doc.flow()).isEqualTo(before);
        assertThat(model.commit("writer", InspectorModel.NodeField.CHECKS,
                "jsonSchema: {\"type\": \"object\", \"required\": [\"pass\"]}")).isEmpty();
        assertThat(FlowJson.write(doc.flow())).contains("\"required\"");
    }

    @Test
    void checksRoundTripThroughText() {
        List<Check> checks = List.of(new Check.Regex("^#"), new Check.MustContain(List.of("a", "b")),
                new Check.Length(10, null), new Check.JsonSchema("{\"type\":\"object\"}"));
        assertThat(CheckSyntax.parse(CheckSyntax.format(checks))).isEqualTo(checks);
        assertThatThrownBy(() -> CheckSyntax.parse("length: x..2")).hasMessageContaining("line 1");
    }

    @Test
    void savedTemplateAppearsInThePalette(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        PaletteModel palette = new PaletteModel(dir);
        int builtIns = palette.templates().size();
        palette.saveAsTemplate(doc.flow().node("writer").orElseThrow().withRole("tone keeper"), "House Writer");
        assertThat(palette.templates()).hasSize(builtIns + 1);
        AgentTemplate t = palette.templates().get(builtIns);
        assertThat(t.section()).isEqualTo(PaletteModel.MY_AGENTS);
        assertThat(t.prototype().role()).isEqualTo("tone keeper");
        assertThat(new PaletteModel(dir).templates()).hasSize(builtIns + 1);
    }

    @Test
    void routeFieldsEditTheRouteOfAnEdgeAndRefuseAnUnreadableCondition() {
        FlowDocument routed = new FlowDocument(UiFlows.small().addNode(
                dev.baton.flow.AgentNode.of("r", dev.baton.flow.NodeKind.ROUTER, "R"))
                .addEdge(dev.baton.flow.Edge.route("r-writer", "r", "writer", dev.baton.flow.RouteSpec.EMPTY)));
        InspectorModel m = new InspectorModel(routed);
        assertThat(m.commit("r-writer", InspectorModel.EdgeField.ROUTE_CONDITION, "json order.amount > 100")).isEmpty();
        assertThat(m.commit("r-writer", InspectorModel.EdgeField.MAX_VISITS, "2")).isEmpty();
        assertThat(m.commit("r-writer", InspectorModel.EdgeField.ROUTE_DEFAULT, "true")).isEmpty();
        dev.baton.flow.RouteSpec spec = routed.flow().edge("r-writer").orElseThrow().route();
        assertThat(spec.condition()).isEqualTo(new dev.baton.flow.RouteCondition(dev.baton.flow.RouteOp.JSON_GREATER,
                "order.amount", "100"));
        assertThat(spec.maxVisits()).isEqualTo(2);
        assertThat(spec.isDefault()).isTrue();
        assertThat(InspectorModel.read(routed.flow().edge("r-writer").orElseThrow(),
                InspectorModel.EdgeField.ROUTE_CONDITION)).isEqualTo("json order.amount > 100");
        assertThat(m.commit("r-writer", InspectorModel.EdgeField.ROUTE_CONDITION, "when it rains")).isPresent();
        assertThat(m.commit("r", InspectorModel.NodeField.ROUTER_MODE, "RULE")).isEmpty();
        assertThat(routed.flow().node("r").orElseThrow().router().mode()).isEqualTo(dev.baton.flow.RouterMode.RULE);
        routed.commands().undo();
        assertThat(routed.flow().node("r").orElseThrow().router().mode()).isEqualTo(dev.baton.flow.RouterMode.LLM);
    }
}
