package dev.baton.ui.inspector;

import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ToolSettings;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.shell.UiFlows;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A flow-level inspector edit (name, limits …) keeps the flow's tools block; undo brings back the exact flow. */
class FlowEditKeepsToolsTest {

    @Test
    void renamingTheFlowKeepsItsToolSettings() {
        ToolSettings tools = new ToolSettings("data", List.of("example.com"),
                List.of(new McpServerDecl("fs", "node", List.of("server.js"), List.of("FS_HOME"), null, null)), 5,
                Map.of("write_file", ApprovalPolicy.DENY));
        FlowDocument doc = new FlowDocument(UiFlows.small().withTools(tools));
        Flow before = doc.flow();
        new InspectorModel(doc).commit(InspectorModel.FlowField.NAME, "Renamed");
        assertThat(doc.flow().name()).isEqualTo("Renamed");
        assertThat(doc.flow().tools()).isEqualTo(tools);
        doc.commands().undo();
        assertThat(doc.flow()).isEqualTo(before);
    }
}
