package dev.baton.ui.shell;

import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.PickResult;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A right-click on a node offers what the menus offer for it (rename, duplicate, delete, breakpoint, save as template,
 * the inspector), acting on that node; Ctrl+Shift+= and the numpad's + and − zoom as View ▸ Zoom In/Out say.
 */
@ExtendWith(ApplicationExtension.class)
class NodeMenuTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
    }

    /**
     * A right-click on a node. Monocle's headless mouse sends no context-menu request (a desktop toolkit makes one
     * of a right-click), so when no menu opened the request the toolkit would send is fired at the same point.
     */
    private void rightClick(FxRobot robot, String nodeId) {
        NodeSkin skin = window.canvas().skinOf(nodeId).orElseThrow();
        Point2D screen = FxPoints.centre(skin);
        robot.rightClickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
        if (Window.getWindows().stream().noneMatch(w -> w instanceof ContextMenu m && m.isShowing())) {
            Point2D scene = FxPoints.onFx(() -> skin.localToScene(skin.getWidth() / 2, skin.getHeight() / 2));
            robot.interact(() -> javafx.event.Event.fireEvent(skin, new ContextMenuEvent(
                    ContextMenuEvent.CONTEXT_MENU_REQUESTED, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                    false, new PickResult(skin, scene.getX(), scene.getY()))));
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void renameDuplicateBreakpointAndDeleteActOnTheNodeUnderThePointer(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> window.document().select(java.util.List.of("editor")));

        rightClick(robot, "writer");
        assertThat(window.document().selection()).containsExactly("writer");
        dialogs.textAnswer = "Copywriter";
        FxPoints.click(robot, "#node-menu-rename");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("writer").orElseThrow().name()).isEqualTo("Copywriter");

        rightClick(robot, "writer");
        FxPoints.click(robot, "#node-menu-breakpoint");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().breakpoints()).containsExactly("writer");

        int before = window.document().flow().nodes().size();
        rightClick(robot, "writer");
        FxPoints.click(robot, "#node-menu-duplicate");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().nodes()).hasSize(before + 1);

        rightClick(robot, "editor");
        FxPoints.click(robot, "#node-menu-delete");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("editor")).isEmpty();
        assertThat(window.document().flow().node("writer")).isPresent();

        rightClick(robot, "writer");
        FxPoints.click(robot, "#node-menu-inspect");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(() -> window.stage().getScene().getFocusOwner()))
                .isInstanceOf(javafx.scene.control.TextInputControl.class);
    }

    @Test
    void ctrlShiftEqualsAndTheNumpadZoom(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> window.canvas().requestFocus());
        double start = FxPoints.onFx(() -> window.canvas().view().scale().get());

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHIFT,
                KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        double afterShiftEquals = FxPoints.onFx(() -> window.canvas().view().scale().get());
        assertThat(afterShiftEquals).isCloseTo(start * 1.25, within(1e-6));

        robot.press(KeyCode.CONTROL, KeyCode.ADD).release(KeyCode.ADD, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(() -> window.canvas().view().scale().get()))
                .isCloseTo(afterShiftEquals * 1.25, within(1e-6));

        robot.type(KeyCode.SUBTRACT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(() -> window.canvas().view().scale().get()))
                .isCloseTo(afterShiftEquals, within(1e-6));
    }
}
