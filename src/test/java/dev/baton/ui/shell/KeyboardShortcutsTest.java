package dev.baton.ui.shell;

import dev.baton.flow.Position;
import dev.baton.ui.palette.PaletteView;
import dev.baton.ui.panels.ProblemsView;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Delete, F, Ctrl+A and the arrows work from the palette, the canvas and the problems list, not in text fields. */
@ExtendWith(ApplicationExtension.class)
class KeyboardShortcutsTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1200, 760);
    }

    @BeforeEach
    void openSmallFlow(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
    }

    private Node palette(FxRobot robot) {
        return robot.lookup(n -> n instanceof PaletteView).query();
    }

    private Node problems(FxRobot robot) {
        return robot.lookup(n -> n instanceof ProblemsView).query();
    }

    private void focus(FxRobot robot, Node n, String... selected) {
        robot.interact(() -> {
            window.document().select(List.of(selected));
            n.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(n.getScene().getFocusOwner()).isSameAs(n);
    }

    private Position position(String id) {
        return window.document().flow().node(id).orElseThrow().position();
    }

    @Test
    void deleteRemovesTheSelectionFromThePaletteTheProblemsListAndTheCanvas(FxRobot robot) {
        focus(robot, palette(robot), "writer");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("writer")).isEmpty();
        focus(robot, problems(robot), "editor");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("editor")).isEmpty();
        focus(robot, window.canvas(), "worker");
        robot.type(KeyCode.BACK_SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("worker")).isEmpty();
    }

    @Test
    void arrowsNudgeTheSelectedNodesAsOneUndoStep(FxRobot robot) {
        Position before = position("editor");
        focus(robot, problems(robot), "editor");
        robot.type(KeyCode.RIGHT);
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(position("editor")).isEqualTo(new Position(before.x() + 20, before.y() + 1));
        focus(robot, palette(robot), "editor", "writer");
        Position writer = position("writer");
        robot.type(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(position("writer")).isEqualTo(new Position(writer.x(), writer.y() - 20));
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Move 2 nodes");
        robot.interact(() -> window.document().commands().undo());
        assertThat(position("writer")).isEqualTo(writer);
    }

    @Test
    void selectAllAndFitWorkFromThePalette(FxRobot robot) {
        focus(robot, palette(robot));
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().selection()).contains("start", "writer", "out", "e1", "d1");
        robot.interact(() -> window.document().select(List.of()));
        focus(robot, palette(robot));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.A).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().selection()).as("Ctrl+Shift+A is the audit browser's, not select all")
                .isEmpty();
        List<javafx.stage.Window> browsers = robot.listWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().lookup("#audit-runs") != null).toList();
        assertThat(browsers).as("the audit browser opened").hasSize(1);
        robot.interact(() -> browsers.forEach(javafx.stage.Window::hide));
        robot.interact(() -> window.canvas().view().scale().set(2.5));
        focus(robot, palette(robot));
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().view().scale().get()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void inAnInspectorTextFieldTheKeysEditTheText(FxRobot robot) {
        robot.interact(() -> window.document().select(List.of("writer")));
        WaitForAsyncUtils.waitForFxEvents();
        TextField name = robot.lookup(".inspector .text-field").queryAs(TextField.class);
        assertThat(name.getText()).isEqualTo("Writer");
        Position before = position("writer");
        robot.clickOn(name);
        robot.interact(() -> name.positionCaret(0));
        robot.type(KeyCode.DELETE);
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(name.getText()).isEqualTo("rfiter");
        assertThat(window.document().flow().node("writer")).isPresent();
        assertThat(position("writer")).isEqualTo(before);
        assertThat(window.document().selection()).containsExactly("writer");
    }
}
