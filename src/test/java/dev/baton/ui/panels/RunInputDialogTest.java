package dev.baton.ui.panels;

import javafx.application.Platform;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Run ▸ Run's input: Ctrl+Enter runs from the keyboard (Enter is a new line in the several-line input). */
@ExtendWith(ApplicationExtension.class)
class RunInputDialogTest {

    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    private CompletableFuture<Optional<String>> ask() {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(new RunPanelInputDialog(() -> owner)
                .ask("Blog", "The topic", List.of())));
        WaitForAsyncUtils.waitForFxEvents();
        return answer;
    }

    @Test
    void ctrlEnterRunsWithTheInputAndEnterAddsALine(FxRobot robot) throws Exception {
        CompletableFuture<Optional<String>> answer = ask();
        TextArea input = robot.lookup("#run-input").queryAs(TextArea.class);
        robot.clickOn(input).write("Heat pumps");
        robot.type(KeyCode.ENTER).write("for flats");
        assertThat(answer).isNotDone();
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        assertThat(answer.get(10, TimeUnit.SECONDS)).contains("Heat pumps\nfor flats");
    }

    @Test
    void ctrlEnterOnAnEmptyInputRunsNothing(FxRobot robot) {
        CompletableFuture<Optional<String>> answer = ask();
        TextArea input = robot.lookup("#run-input").queryAs(TextArea.class);
        robot.clickOn(input);
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(answer).isNotDone();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
