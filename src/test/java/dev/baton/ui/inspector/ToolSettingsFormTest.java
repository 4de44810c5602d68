package dev.baton.ui.inspector;

import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ToolSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tool settings dialog's texts, both ways; what the flow file cannot hold is refused in one line. */
class ToolSettingsFormTest {

    @Test
    void settingsSurviveTheRoundTripThroughTheTexts() {
        ToolSettings s = new ToolSettings("data", List.of("en.wikipedia.org", "*.example.com"), List.of(
                new McpServerDecl("fs", "npx", List.of("-y", "@modelcontextprotocol/server-filesystem", "."),
                        List.of("FS_HOME"), null, null),
                new McpServerDecl("gh", null, null, null, "https://mcp.example.com/mcp",
                        Map.of("Authorization", "GH_MCP_TOKEN"))), 8,
                Map.of("write_file", ApprovalPolicy.ASK));
        assertThat(ToolSettingsForm.read(ToolSettingsForm.fields(s))).isEqualTo(s);
        assertThat(ToolSettingsForm.read(ToolSettingsForm.fields(ToolSettings.NONE))).isEqualTo(ToolSettings.NONE);
    }

    @Test
    void aValueWhereANameBelongsIsRefusedWithoutRepeatingIt() {
        var server = new ToolSettingsForm.ServerFields("gh", "", "", "", "https://h/mcp",
                "Authorization=Bearer sk-live-abcdefghijklmnop");
        assertThatThrownBy(() -> ToolSettingsForm.read(new ToolSettingsForm.Fields("", "", "", "", List.of(server))))
                .hasMessageContaining("write the NAME of a variable").hasMessageNotContaining("sk-live");
    }

    @Test
    void badInputSaysWhatAndWhere() {
        assertThatThrownBy(() -> ToolSettingsForm.read(new ToolSettingsForm.Fields("", "", "", "", List.of(
                new ToolSettingsForm.ServerFields("fs", "node", "", "", "https://h/mcp", "")))))
                .hasMessage("MCP server 'fs': give either a command (stdio) or a URL (Streamable HTTP)");
        assertThatThrownBy(() -> ToolSettingsForm.read(new ToolSettingsForm.Fields("", "", "", "", List.of(
                new ToolSettingsForm.ServerFields("fs", "node", "", "", "", ""),
                new ToolSettingsForm.ServerFields("fs", "node", "", "", "", "")))))
                .hasMessage("MCP server 2: the name 'fs' is used twice");
        assertThatThrownBy(() -> ToolSettingsForm.read(new ToolSettingsForm.Fields("", "", "x", "", List.of())))
                .hasMessageContaining("max tool calls");
        assertThatThrownBy(() -> ToolSettingsForm.read(new ToolSettingsForm.Fields("", "", "", "write_file = maybe",
                List.of()))).hasMessageContaining("approval: 'write_file = maybe'");
    }
}
