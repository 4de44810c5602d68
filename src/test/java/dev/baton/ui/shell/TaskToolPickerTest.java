package dev.baton.ui.shell;

import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ToolSettings;
import dev.baton.tool.mcp.McpTestServers;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.inspector.ToolCatalog;
import dev.baton.ui.inspector.ToolPicker;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server's task-only tool (MCP {@code execution.taskSupport "required"}) is shown in the picker, disabled, with the
 * reason; a node that picked it before keeps it ticked and can untick it.
 */
@ExtendWith(ApplicationExtension.class)
class TaskToolPickerTest {

    @TempDir
    Path dir;

    private Stage stage;

    @Start
    void start(Stage primary) {
        this.stage = primary;
    }

    private static Node row(FxRobot robot, String key) {
        return robot.lookup(".tool-row").match(n -> key.equals(n.getUserData())).query();
    }

    @Test
    void aTaskOnlyToolIsShownDisabledWithTheReason(FxRobot robot) throws Exception {
        Path script = dir.resolve("tasks.js");
        Files.writeString(script, McpTestServers.TASK_TOOLS_SERVER);
        List<McpServerDecl> servers = List.of(new McpServerDecl("tasks", McpTestServers.node(),
                List.of(script.toString()), List.of(), null, null));
        Flow flow = UiFlows.small().withTools(new ToolSettings(null, List.of(), servers, null, Map.of()));
        // the writer picked the task-only tool in an earlier session
        flow = flow.withNodes(flow.nodes().stream().map(n -> n.id().equals("writer")
                ? n.withTools(List.of("tasks/research")) : n).toList());
        FlowDocument doc = new FlowDocument(flow);
        ToolCatalog catalog = new ToolCatalog(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-tool-list");
            t.setDaemon(true);
            return t;
        }), name -> null, Duration.ofSeconds(20));
        ToolPicker[] picker = new ToolPicker[1];
        robot.interact(() -> {
            picker[0] = new ToolPicker(doc, "writer", catalog, m -> { });
            ScrollPane scroll = new ScrollPane(picker[0]);
            scroll.setFitToWidth(true);
            stage.setScene(new Scene(scroll, 360, 800));
            stage.show();
        });
        robot.interact(() -> robot.lookup("#list-tools-tasks").queryButton().fire());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!robot.lookup("#tool-server-status-tasks").queryLabeled().getText().endsWith("tools")
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            WaitForAsyncUtils.waitForFxEvents();
        }
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#tool-server-status-tasks").queryLabeled().getText()).isEqualTo("2 tools");
        assertThat(robot.lookup(".tool-row").match(n -> "tasks/research".equals(n.getUserData())).queryAll())
                .as("one row for the picked task-only tool").hasSize(1);
        Node research = row(robot, "tasks/research");
        CheckBox picked = robot.from(research).lookup(".tool-check").queryAs(CheckBox.class);
        assertThat(picked.isSelected()).isTrue();
        assertThat(picked.isDisabled()).as("a picked one can be unticked").isFalse();
        assertThat(robot.from(research).lookup(".label").match(n -> n instanceof Label l
                && l.getText().startsWith("unavailable: ")).queryLabeled().getText())
                .contains("execution.taskSupport \"required\"");
        assertThat(robot.from(row(robot, "tasks/quick")).lookup(".tool-check").queryAs(CheckBox.class).isDisabled())
                .isFalse();

        robot.interact(() -> picked.setSelected(false));
        robot.interact(() -> picker[0].refresh()); // what the inspector does after an edit
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(doc.flow().node("writer").orElseThrow().tools()).isEmpty();
        CheckBox after = robot.from(row(robot, "tasks/research")).lookup(".tool-check").queryAs(CheckBox.class);
        assertThat(after.isSelected()).isFalse();
        assertThat(after.isDisabled()).as("not offered: it cannot be ticked again").isTrue();
    }
}
