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

/**
 * The per-model settings of the inspector on a real (headless) scene: temperature, max output tokens and the model
 * timeout — typed, committed, one undo step, out-of-range values refused with a message.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorModelSettingsFxTest {

    private static final String TEMPERATURE = "Temperature (0–2, empty: default)";
    private static final String MAX_TOKENS = "Max output tokens (empty: default)";
    private static final String TIMEOUT = "Model timeout (s, empty: 60)";

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

    private static TextField fieldAfter(FxRobot robot, String label) {
        Label l = robot.lookup(".inspector .label").queryAllAs(Label.class).stream()
                .filter(x -> label.equals(x.getText())).findFirst().orElseThrow();
        Pane form = (Pane) l.getParent();
        return (TextField) form.getChildren().get(form.getChildren().indexOf(l) + 1);
    }

    private void type(FxRobot robot, String label, String text) {
        TextField field = fieldAfter(robot, label);
        robot.interact(field::requestFocus);
        robot.write(text).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aNodeGetsItsOwnTemperatureAndOutputLimit(FxRobot robot) {
        Node writer = window.canvas().skinOf("writer").orElseThrow();
        Bounds b = FxPoints.onFx(() -> writer.localToScreen(writer.getBoundsInLocal()));
        robot.clickOn(new Point2D(b.getCenterX(), b.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();

        type(robot, TEMPERATURE, "0.4");
        type(robot, MAX_TOKENS, "512");

        var m = window.document().flow().node("writer").orElseThrow().model();
        assertThat(m.temperature()).isEqualTo(0.4);
        assertThat(m.maxOutputTokens()).isEqualTo(512);
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Edit model max tokens");
    }

    @Test
    void theFlowFormRefusesOutOfRangeValuesWithAMessage(FxRobot robot) {
        robot.interact(() -> window.document().select(java.util.List.of()));
        WaitForAsyncUtils.waitForFxEvents();

        type(robot, TEMPERATURE, "3");
        assertThat(robot.lookup(".inspector .label").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("temperature: use a value from 0 to 2, or leave it empty for the provider's default");
        type(robot, MAX_TOKENS, "0");

        assertThat(window.document().flow().defaultModel().temperature()).isNull();
        assertThat(window.document().flow().defaultModel().maxOutputTokens()).isNull();
        assertThat(robot.lookup(".inspector .label").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("max output tokens: use 1 to 1000000, or leave it empty for the provider's default");

        TextField tokens = fieldAfter(robot, MAX_TOKENS);
        robot.interact(() -> tokens.setText(""));
        robot.interact(tokens::requestFocus);
        robot.write("4096").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().defaultModel().maxOutputTokens()).isEqualTo(4096);
    }

    @Test
    void typingATimeoutOnANodeSetsItsModelTimeout(FxRobot robot) {
        Node writer = window.canvas().skinOf("writer").orElseThrow();
        Bounds b = FxPoints.onFx(() -> writer.localToScreen(writer.getBoundsInLocal()));
        robot.clickOn(new Point2D(b.getCenterX(), b.getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();

        TextField timeout = fieldAfter(robot, TIMEOUT);
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

        TextField timeout = fieldAfter(robot, TIMEOUT);
        robot.interact(timeout::requestFocus);
        robot.write("5000").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.document().flow().defaultModel().timeoutSeconds()).isNull();
        assertThat(robot.lookup(".inspector .label").queryAllAs(Label.class).stream().map(Label::getText))
                .contains("model timeout: use 1 to 3600 seconds, or leave it empty for 60");
    }
}
