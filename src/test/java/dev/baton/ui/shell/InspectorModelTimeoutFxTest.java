package dev.baton.ui.shell;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The model timeout field of the inspector on a real (headless) scene: typed, committed, one undo step. */
@ExtendWith(ApplicationExtension.class)
class InspectorModelTimeoutFxTest {

    private static final String LABEL = "Model timeout (s, empty: 60)";

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1200, 760);
    }

    @BeforeEach
    void openSmallFlow(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
    }

    /** The text field right after the label with this text in the inspector's form. */
    private static TextField fieldAfter(FxRobot robot, String label) {
        Label l = robot.lookup(".inspector .label").queryAllAs(Label.class).stream()
                .filter(x -> label.equals(x.getText())).findFirst().orElseThrow();
        Pane form = (Pane) l.getParent();
        return (TextField) form.getChildren().get(form.getChildren().indexOf(l) + 1);
    }

    @Test
    void typingATimeoutOnANodeSetsItsModelTimeout(FxRobot robot) {
        Node writer = window.canvas().skinOf("writer").orElseThrow();
        Bounds b = FxPoints.onFx(() -> writer.localToScreen(writer.getBoundsInLocal()));
        robot.clickOn(new Point2D(b.getCenterX(), b.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();

        TextField timeout = fieldAfter(robot, LABEL);
        assertThat(timeout.getText()).isEmpty();
        // the field may sit below the fold of the inspector's scroll pane: focus it as Tab would
        robot.interact(timeout::requestFocus);
        robot.write("300").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.document().flow().node("writer").orElseThrow().model().timeoutSeconds()).isEqualTo(300);
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Edit model timeout s");
    }

    @Test
    void theFlowFormShowsTheDefaultModelsTimeout(FxRobot robot) {
        robot.interact(() -> window.document().select(java.util.List.of()));
        WaitForAsyncUtils.waitForFxEvents();

        TextField timeout = fieldAfter(robot, LABEL);
        robot.interact(timeout::requestFocus);
        robot.write("5000").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.document().flow().defaultModel().timeoutSeconds()).isNull();
        assertThat(robot.lookup(".inspector .label").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("model timeout: use 1 to 3600 seconds, or leave it empty for 60");
    }
}
