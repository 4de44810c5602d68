package dev.baton.ui.inspector;

import dev.baton.flow.ModelRef;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.shell.UiFlows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The model timeout in the inspector: flow default and node override, one undo step, kept by other model edits. */
class InspectorModelTimeoutTest {

    private final FlowDocument doc = new FlowDocument(UiFlows.small());
    private final InspectorModel model = new InspectorModel(doc);

    @Test
    void theFlowsModelTimeoutIsOneUndoStepAndSurvivesAProviderChange() {
        assertThat(InspectorModel.read(doc.flow(), InspectorModel.FlowField.MODEL_TIMEOUT_S)).isEmpty();

        assertThat(model.commit(InspectorModel.FlowField.MODEL_TIMEOUT_S, "300")).isEmpty();
        model.commit(InspectorModel.FlowField.PROVIDER, ModelRef.OLLAMA);

        assertThat(doc.flow().defaultModel().timeoutSeconds()).isEqualTo(300);
        assertThat(doc.flow().defaultModel().provider()).isEqualTo(ModelRef.OLLAMA);
        doc.commands().undo();
        assertThat(doc.commands().undoLabel().get()).isEqualTo("Undo Edit flow model timeout s");
        model.commit(InspectorModel.FlowField.MODEL_TIMEOUT_S, "");
        assertThat(doc.flow().defaultModel().timeoutSeconds()).isNull();
    }

    @Test
    void aNodesTimeoutStartsAnOverrideFromTheDefaultAndOtherEditsKeepIt() {
        assertThat(model.commit("writer", InspectorModel.NodeField.MODEL_TIMEOUT_S, "240")).isEmpty();
        model.commit("writer", InspectorModel.NodeField.MODEL_NAME, "llama3");

        ModelRef ref = doc.flow().node("writer").orElseThrow().model();
        assertThat(ref.timeoutSeconds()).isEqualTo(240);
        assertThat(ref.provider()).isEqualTo(doc.flow().defaultModel().provider());
        assertThat(InspectorModel.read(doc.flow().node("writer").orElseThrow(),
                InspectorModel.NodeField.MODEL_TIMEOUT_S)).isEqualTo("240");
    }

    @Test
    void aTimeoutOutOfRangeOrNotANumberGivesAMessageAndNoCommand() {
        int revision = doc.commands().revision().get();

        assertThat(model.commit(InspectorModel.FlowField.MODEL_TIMEOUT_S, "0"))
                .hasValue("model timeout: use 1 to 3600 seconds, or leave it empty for 60");
        assertThat(model.commit("writer", InspectorModel.NodeField.MODEL_TIMEOUT_S, "slow"))
                .hasValueSatisfying(m -> assertThat(m).contains("not a whole number"));
        assertThat(doc.commands().revision().get()).isEqualTo(revision);
    }
}
