package dev.baton.run;

import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.McpServerDecl;
import dev.baton.secret.Redactor;
import dev.baton.tool.mcp.McpTaskSupport;
import dev.baton.tool.mcp.McpTestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.baton.run.McpFixtures.flow;
import static dev.baton.run.McpFixtures.stdio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A run whose node picks a task-only MCP tool is refused before it starts, in one line saying why. */
class McpTaskToolRunTest {

    @TempDir
    Path dir;

    private final RunService service = new RunService(Redactor.shapesOnly(), McpTaskToolRunTest::noRealModels)
            .withVariables(name -> null);

    private static ModelProvider noRealModels() {
        throw new IllegalStateException("these tests run on the simulated model");
    }

    @AfterEach
    void noServerOutlivesItsTest() throws Exception {
        McpFixtures.assertNoServerLeft();
    }

    @Test
    void aTaskOnlyToolIsAOneLinePreRunProblem() throws Exception {
        Path script = dir.resolve("tasks.js");
        Files.writeString(script, McpTestServers.TASK_TOOLS_SERVER);
        McpServerDecl tasks = stdio("tasks", List.of(McpFixtures.node(), script.toString()), null);

        LaunchRefused e = assertThrows(LaunchRefused.class, () -> service.launch(
                flow(List.of("tasks/quick", "tasks/research"), "", tasks), "x",
                RunOptions.DEFAULT.withoutAudit().withFlowFile(dir.resolve("flow.json")), List.of()));

        assertThat(e.problem().kind()).isEqualTo(RunProblem.Kind.MCP_SERVER);
        assertThat(e.problem().message()).isEqualTo("MCP server 'tasks' lists a tool 'research' that cannot be "
                + "offered: " + McpTaskSupport.REQUIRED_REASON + "; remove it from the nodes that pick it");
    }
}
