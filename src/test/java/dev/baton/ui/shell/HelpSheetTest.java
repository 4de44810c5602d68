package dev.baton.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** F1 (and Help ▸ Keyboard and Mouse) opens a grouped sheet of every shortcut, the Run keys included. */
@ExtendWith(ApplicationExtension.class)
class HelpSheetTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    @AfterEach
    void closeSheets(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != window.stage())
                .forEach(Window::hide));
    }

    private static Optional<Node> sheet() {
        return Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> w.getScene().lookup("#help-sheet")).filter(n -> n != null).findFirst();
    }

    @Test
    void f1OpensTheSheetWithTheRunAndCanvasKeysGrouped(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> window.canvas().requestFocus());
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();

        Node sheet = sheet().orElseThrow(() -> new AssertionError("F1 opened no sheet"));
        List<String> texts = FxPoints.onFx(() -> sheet.lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(texts).contains("File", "Edit", "View", "Run", "Canvas", "Mouse")
                .contains("F5", "F6", "F8", "F9", "F10", "Run", "Toggle Breakpoint", "Ctrl+Shift+= / Ctrl+=")
                .contains("Numpad + / −", "Right-click a node");
        // the Run group lists the run keys in the order the Run menu has them
        assertThat(texts.indexOf("Run")).isLessThan(texts.indexOf("F5"));
    }

    @Test
    void everyMenuShortcutIsOnTheSheet(FxRobot robot) {
        robot.clickOn("Help").clickOn("Keyboard and Mouse");
        WaitForAsyncUtils.waitForFxEvents();
        Node sheet = sheet().orElseThrow(() -> new AssertionError("the menu opened no sheet"));
        List<String> texts = FxPoints.onFx(() -> sheet.lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList());
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").query();
        List<String> accelerators = new java.util.ArrayList<>();
        for (var menu : bar.getMenus()) {
            collect(menu, accelerators);
        }
        assertThat(accelerators).contains("Ctrl+S", "F5", "F1");
        assertThat(texts).containsAll(accelerators);
    }

    /**
     * At the sheet's size every line reads whole: a description too long for its column wraps, it does not end in
     * "…" (five did at 1280 × 800: "Move the selected nodes one grid step (with Shi…").
     */
    @Test
    void everyLineReadsWholeWithoutAnEllipsis(FxRobot robot) {
        robot.interact(() -> window.canvas().requestFocus());
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        Node sheet = sheet().orElseThrow(() -> new AssertionError("F1 opened no sheet"));
        List<String> cut = FxPoints.onFx(() -> sheet.lookupAll(".label").stream().map(n -> (Label) n)
                .filter(l -> l.lookup(".text") instanceof javafx.scene.text.Text t && !t.getText().equals(l.getText()))
                .map(Label::getText).toList());
        assertThat(cut).as("lines shown cut").isEmpty();
        List<String> texts = FxPoints.onFx(() -> sheet.lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(texts).contains("Move the selected nodes one grid step (with Shift: one unit)");
    }

    /**
     * The sheet says what a key does, not what it would undo now: after a duplicate it listed "Ctrl+Z  Undo Duplicate
     * 1 node" (the menu item's current text). Escape puts the sheet away.
     */
    @Test
    void undoAndRedoAreNamedByWhatTheKeyDoesAndEscapeClosesTheSheet(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> {
            window.document().select(List.of("writer"));
            window.edits().duplicate();
        });
        robot.interact(() -> window.canvas().requestFocus());
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        Node sheet = sheet().orElseThrow(() -> new AssertionError("F1 opened no sheet"));
        List<String> texts = FxPoints.onFx(() -> sheet.lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(texts).contains("Undo", "Redo").noneMatch(t -> t.matches("(Undo|Redo) (Paste|Duplicate).*"));

        robot.interact(() -> sheet.getScene().getWindow().requestFocus());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sheet()).as("the sheet after Escape").isEmpty();
    }

    private static void collect(javafx.scene.control.Menu menu, List<String> into) {
        for (var item : menu.getItems()) {
            if (item instanceof javafx.scene.control.Menu sub) {
                collect(sub, into);
            } else if (item.getAccelerator() != null) {
                into.add(item.getAccelerator().getDisplayText());
            }
        }
    }
}
