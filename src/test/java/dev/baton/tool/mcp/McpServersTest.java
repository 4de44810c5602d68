package dev.baton.tool.mcp;

import dev.baton.flow.McpServerDecl;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class McpServersTest {

    private static final Map<String, String> VARS = Map.of("FS_TOKEN", "fs-token-value-1234",
            "GH_TOKEN", "Bearer gh-token-value-5678");

    @Test
    void namedVariablesAreLookedUpAndRememberedForRedaction() {
        Redactor redactor = Redactor.shapesOnly();
        McpServerSpec stdio = McpServers.spec(new McpServerDecl("fs", "node", List.of("server.js", "."),
                List.of("FS_TOKEN"), null, null), VARS::get, redactor);
        assertThat(stdio.command()).containsExactly("node", "server.js", ".");
        assertThat(stdio.environment()).containsExactly(Map.entry("FS_TOKEN", "fs-token-value-1234"));
        McpServerSpec http = McpServers.spec(new McpServerDecl("gh", null, null, null, "https://h/mcp",
                Map.of("Authorization", "GH_TOKEN")), VARS::get, redactor);
        assertThat(http.headers()).containsExactly(Map.entry("Authorization", "Bearer gh-token-value-5678"));
        assertThat(http.where()).isEqualTo("https://h/mcp");
        assertThat(redactor.redact("echo fs-token-value-1234")).isEqualTo("echo " + Redactor.REDACTED);
    }

    @Test
    void aMissingVariableIsOneLineNamingItNeverAValue() {
        assertThatThrownBy(() -> McpServers.spec(new McpServerDecl("gh", null, null, List.of(), "https://h/mcp",
                Map.of("Authorization", "NOPE_TOKEN")), VARS::get, Redactor.shapesOnly()))
                .hasMessage("MCP server 'gh' needs NOPE_TOKEN: set it in the environment or in ~/.baton/credentials");
    }
}
