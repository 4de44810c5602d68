package dev.baton.tool.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.tool.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool that must be called as an MCP task ({@code execution.taskSupport "required"}, MCP 2025-11-25) fails every
 * plain call, and LangChain4j's client makes plain calls only: it is not offered, and what Baton says of it names
 * the reason. Optional-task tools take plain calls and are offered as before.
 */
class McpTaskToolsTest {

    @TempDir
    Path temp;

    private McpConnection start() throws Exception {
        Path file = temp.resolve("tasks.js");
        Files.writeString(file, McpTestServers.TASK_TOOLS_SERVER);
        return McpConnection.start(new McpServerSpec("tasks", List.of(McpTestServers.node(), file.toString()),
                Map.of(), null, null, Duration.ofSeconds(20), Duration.ofSeconds(5)));
    }

    @Test
    void aTaskOnlyToolIsNotOfferedAndSaysWhy() throws Exception {
        try (McpConnection c = start()) {
            assertThat(c.tools()).extracting(t -> t.descriptor().name()).containsExactly("quick", "either");
            assertThat(c.unavailable()).containsOnlyKeys("research");
            assertThat(c.unavailable().get("research")).contains("execution.taskSupport \"required\"")
                    .contains("MCP task");
            Tool either = c.tools().get(1);
            assertThat(either.call(JsonNodeFactory.instance.objectNode().put("topic", "tides"))).isEqualTo(
                    "done: either");
        }
    }

    @Test
    void aNodeThatPicksATaskOnlyToolGetsOneLineSayingWhy() throws Exception {
        Path file = temp.resolve("tasks.js");
        Files.writeString(file, McpTestServers.TASK_TOOLS_SERVER);
        McpServerSpec spec = new McpServerSpec("tasks", List.of(McpTestServers.node(), file.toString()), Map.of(),
                null, null, Duration.ofSeconds(20), Duration.ofSeconds(5));
        try (McpServerGroup group = McpServerGroup.start(List.of(spec), dev.baton.secret.Redactor.shapesOnly())) {
            assertThat(group.failures()).isEmpty();
            assertThat(group.tool("tasks", "research")).isEmpty();
            assertThat(group.unlisted(List.of("tasks/quick", "tasks/research"))).singleElement().asString()
                    .isEqualTo("MCP server 'tasks' lists a tool 'research' that cannot be offered: "
                            + McpTaskSupport.REQUIRED_REASON + "; remove it from the nodes that pick it");
        }
    }
}
