package dev.baton.ui.panels;

import dev.baton.flow.Check;
import dev.baton.flow.ContextMode;
import dev.baton.flow.Flow;
import dev.baton.ui.FlowDocument;
import dev.baton.ui.UiFlows;
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
}
