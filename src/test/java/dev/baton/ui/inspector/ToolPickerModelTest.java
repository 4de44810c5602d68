package dev.baton.ui.inspector;

import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ToolSettings;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolRisk;
import dev.baton.tool.ToolSchemas;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.shell.UiFlows;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The picker's rows and edits on a document, without a stage: each change is one undo step. */
class ToolPickerModelTest {

    private final FlowDocument doc = new FlowDocument(UiFlows.small().withTools(new ToolSettings("data",
            List.of(), List.of(new McpServerDecl("fs", "node", List.of("x.js"), List.of(), null, null)), null,
            Map.of("calculator", ApprovalPolicy.DENY))));
    private final ToolPickerModel model = new ToolPickerModel(doc, "writer");

    @Test
    void everyBuiltInIsARowWithItsDescriptionAndDefaultPolicy() {
        List<ToolPickerModel.Row> rows = model.rows("", ToolCatalog.builtIns(), "");
        assertThat(rows).extracting(ToolPickerModel.Row::key).containsExactlyElementsOf(
                dev.baton.flow.BuiltInToolNames.ALL);
        ToolPickerModel.Row write = rows.stream().filter(r -> r.key().equals("write_file")).findFirst().orElseThrow();
        assertThat(write.descriptor().risk()).isEqualTo(ToolRisk.WRITES);
        assertThat(write.effective()).isEqualTo(ApprovalPolicy.ASK);
        assertThat(write.source()).isEqualTo("default");
        ToolPickerModel.Row calc = rows.stream().filter(r -> r.key().equals("calculator")).findFirst().orElseThrow();
        assertThat(calc.effective()).isEqualTo(ApprovalPolicy.DENY);
        assertThat(calc.source()).isEqualTo("flow");
        assertThat(SchemaSummary.of(write.descriptor().parameters())).contains("path*: string", "content*: string");
    }

    @Test
    void aServersUnionsAndReferencesAreSummedUpByTheirOptionsAndNames() throws Exception {
        com.fasterxml.jackson.databind.JsonNode schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"type": "object", "required": ["q"], "properties": {
                  "q": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                  "node": {"$ref": "#/definitions/Node"},
                  "value": {"description": "anything"},
                  "kind": {"const": "file"},
                  "both": {"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}},
                                     {"type": "object", "properties": {"b": {"type": "integer"}}}]}}}""");
        assertThat(SchemaSummary.of(schema)).isEqualTo(
                "q*: string|null, node: Node, value: any, kind: \"file\", both: {a: string}&{b: integer}");
    }

    @Test
    void searchMatchesNamesAndDescriptions() {
        assertThat(model.rows("", ToolCatalog.builtIns(), "FILE")).extracting(ToolPickerModel.Row::key)
                .contains("read_file", "write_file", "list_files", "search_files").doesNotContain("calculator");
        assertThat(model.rows("", ToolCatalog.builtIns(), "arithmetic")).extracting(ToolPickerModel.Row::key)
                .containsExactly("calculator");
    }

    @Test
    void checkingAndOverridingAreOneUndoStepEach() {
        Flow before = doc.flow();
        model.setSelected("read_file", true);
        assertThat(doc.flow().node("writer").orElseThrow().tools()).containsExactly("read_file");
        assertThat(doc.commands().undoLabel().get()).isEqualTo("Undo Edit add tool read_file");
        model.setPolicy("read_file", ApprovalPolicy.ASK);
        assertThat(doc.flow().node("writer").orElseThrow().toolSettings().approval())
                .containsEntry("read_file", ApprovalPolicy.ASK);
        ToolPickerModel.Row read = model.rows("", ToolCatalog.builtIns(), "read_file").get(0);
        assertThat(read.override()).isEqualTo(ApprovalPolicy.ASK);
        assertThat(read.source()).isEqualTo("node");
        assertThat(model.setMaxToolCalls("7")).isEmpty();
        assertThat(doc.flow().node("writer").orElseThrow().toolSettings().maxToolCalls()).isEqualTo(7);
        assertThat(model.setMaxToolCalls("many")).contains("max tool calls: 'many' is not a whole number");
        assertThat(model.setMaxToolCalls("0")).isPresent();
        // unchecking drops the override with the tool
        model.setSelected("read_file", false);
        assertThat(doc.flow().node("writer").orElseThrow().toolSettings().approval()).isEmpty();
        doc.commands().undo();
        doc.commands().undo();
        doc.commands().undo();
        doc.commands().undo();
        assertThat(doc.flow()).isEqualTo(before);
        assertThat(doc.flow().node("writer").orElseThrow().toolSettings()).isNull();
    }

    @Test
    void aChosenToolOfAServerNotListedYetStaysInView() {
        doc.execute(new dev.baton.ui.document.command.EditNode(doc.flow().node("writer").orElseThrow(),
                doc.flow().node("writer").orElseThrow().withTools(List.of("fs/read_text_file")), "tools"));
        List<ToolPickerModel.Row> rows = model.rows("fs", List.of(), "");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("fs/read_text_file");
            assertThat(r.descriptor()).isNull();
            assertThat(r.selected()).isTrue();
        });
        ToolDescriptor listed = new ToolDescriptor("read_text_file", "Reads a file", ToolSchemas.object().build(),
                ToolRisk.READ_ONLY, null, "fs");
        ToolDescriptor write = new ToolDescriptor("write_file", "Writes", null, ToolRisk.DESTRUCTIVE, null, "fs");
        assertThat(model.rows("fs", List.of(listed, write), "")).extracting(ToolPickerModel.Row::key,
                ToolPickerModel.Row::selected, ToolPickerModel.Row::effective).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fs/read_text_file", true, ApprovalPolicy.AUTO),
                org.assertj.core.groups.Tuple.tuple("fs/write_file", false, ApprovalPolicy.ASK));
    }
}
