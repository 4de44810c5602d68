package dev.baton.ui.shell;

import dev.baton.flow.EdgeKind;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.canvas.skins.PortView;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused connection's message in the status bar: gone at the next action, and never squeezing the counters. */
@ExtendWith(ApplicationExtension.class)
class StatusRefusalTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        // narrow: the long reason and the counters cannot all have their width
        window = DesignerStage.open(stage, dialogs, 900, 700);
    }

    @BeforeEach
    void openSmallFlow(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
    }

    private NodeSkin skin(String id) {
        return window.canvas().skinOf(id).orElseThrow();
    }

    private PortView port(String nodeId, EdgeKind kind) {
        return skin(nodeId).ports().stream().filter(p -> p.kind() == kind).findFirst().orElseThrow();
    }

    private void refuse(FxRobot robot) {
        robot.drag(FxPoints.centre(port("writer", EdgeKind.NEXT))).moveTo(FxPoints.centre(skin("worker")));
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean fullyShown(Label l) {
        return FxPoints.onFx(() -> l.getWidth() >= l.prefWidth(-1) - 0.5);
    }

    @Test
    void theCountersKeepTheirWidthBesideALongRefusal(FxRobot robot) {
        refuse(robot);
        Label refusal = robot.lookup("#status-refusal").queryAs(Label.class);
        assertThat(refusal.getText()).startsWith("Connection refused:");
        for (String id : new String[] {"#status-selection", "#status-zoom", "#validation-status"}) {
            Label counter = robot.lookup(id).queryAs(Label.class);
            assertThat(fullyShown(counter)).as(id + " '" + counter.getText() + "' at full width").isTrue();
        }
        assertThat(refusal.getTooltip().getText()).isEqualTo(refusal.getText());
    }

    @Test
    void theNextPressClearsTheMessage(FxRobot robot) {
        refuse(robot);
        Label refusal = robot.lookup("#status-refusal").queryAs(Label.class);
        assertThat(refusal.getText()).isNotEmpty();

        Bounds canvas = FxPoints.onFx(() -> window.canvas().localToScreen(window.canvas().getBoundsInLocal()));
        robot.clickOn(new Point2D(canvas.getMaxX() - 20, canvas.getMaxY() - 20));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(refusal.getText()).isEmpty();
        assertThat(window.canvas().lastRefusal().get()).isEmpty();
    }

    @Test
    void aKeyClearsTheMessageToo(FxRobot robot) {
        refuse(robot);
        robot.type(javafx.scene.input.KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#status-refusal").queryAs(Label.class).getText()).isEmpty();
    }
}
