package dev.baton.ui.shell;

import dev.baton.ui.settings.RecentFiles;
import dev.baton.flow.AgentNode;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowFiles;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The welcome pane lists the recent files that still exist and opens them; File ▸ Open Recent on a file that is gone
 * says so in one line and takes it off the list; a palette entry dropped on the welcome pane starts a new flow with it.
 */
@ExtendWith(ApplicationExtension.class)
class WelcomeRecentTest {

    @RegisterExtension
    final TempDesigners designers = new TempDesigners();
    @TempDir
    Path work;
    private final FakeDialogs dialogs = new FakeDialogs();

    @Test
    void theWelcomeListsTheRecentFilesThatExistAndOpensOne(FxRobot robot) throws Exception {
        Path kept = work.resolve("kept.json");
        FlowFiles.save(kept, UiFlows.small());
        Path gone = work.resolve("gone.json");
        RecentFiles recent = new RecentFiles(designers.home().resolve("recent.json"));
        recent.add(kept);
        recent.add(gone);

        DesignerWindow window = designers.open(robot, dialogs);
        List<String> links = FxPoints.onFx(() -> robot.lookup(".hyperlink").queryAll().stream()
                .map(n -> ((javafx.scene.control.Hyperlink) n).getText()).toList());
        assertThat(links).containsExactly("kept.json");
        robot.clickOn("kept.json");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().fileProperty().get()).isEqualTo(kept.toAbsolutePath().normalize());
        assertThat(window.canvas().getScene()).isNotNull();
    }

    @Test
    void aRecentFileThatIsGoneIsOneLineAndLeavesTheList(FxRobot robot) throws Exception {
        Path gone = work.resolve("gone.json");
        RecentFiles recent = new RecentFiles(designers.home().resolve("recent.json"));
        recent.add(gone);
        DesignerWindow window = designers.open(robot, dialogs);
        DesignerStage.showSmallFlow(robot, window);

        robot.clickOn("File").clickOn("Open Recent").clickOn(gone.toAbsolutePath().normalize() + " (missing)");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0)).doesNotContain("\n").contains("gone.json").contains("no longer exists");
        assertThat(recent.list()).isEmpty();
        assertThat(window.document().flow().node("writer")).as("the flow shown stays").isPresent();
    }

    @Test
    void aPaletteEntryDroppedOnTheWelcomeStartsANewFlowWithIt(FxRobot robot) {
        DesignerWindow window = designers.open(robot, dialogs);
        Bounds pane = FxPoints.onFx(() -> {
            var welcome = robot.lookup("#welcome").query();
            return welcome.localToScreen(welcome.getBoundsInLocal());
        });
        robot.drag("#palette-researcher", MouseButton.PRIMARY)
                .moveTo(new Point2D(Math.floor(pane.getCenterX()), Math.floor(pane.getMaxY() - 30)));
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.canvas().getScene()).as("the canvas replaced the welcome").isNotNull();
        assertThat(window.document().flow().nodes()).extracting(AgentNode::kind)
                .containsExactlyInAnyOrder(NodeKind.START, NodeKind.OUTPUT, NodeKind.AGENT);
        assertThat(window.document().flow().nodes()).extracting(AgentNode::name).contains("Researcher");
    }
}
