package dev.baton.tool.builtin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceForFlowTest {

    @Test
    void theWorkspaceIsRelativeToTheFlowFileAndTheOverrideWins(@TempDir Path temp) throws Exception {
        Path flows = Files.createDirectories(temp.resolve("flows"));
        Path data = Files.createDirectories(flows.resolve("data"));
        Path other = Files.createDirectories(temp.resolve("other"));
        Path flowFile = flows.resolve("f.json");
        assertThat(Workspace.forFlow(flowFile, "data", null).root()).isEqualTo(data.toRealPath());
        assertThat(Workspace.forFlow(flowFile, "data", other).root()).isEqualTo(other.toRealPath());
        assertThat(Workspace.forFlow(flowFile, null, null)).isNull();
        assertThatThrownBy(() -> Workspace.forFlow(flowFile, "missing", null)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a folder");
    }
}
