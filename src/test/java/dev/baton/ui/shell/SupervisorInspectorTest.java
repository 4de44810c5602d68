package dev.baton.ui.shell;

import dev.baton.flow.WorkerFailurePolicy;
import dev.baton.flow.io.FlowJson;
import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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

/** A supervisor's inspector shows its worker-failure policy; choosing FAIL is one command and reaches the file. */
@ExtendWith(ApplicationExtension.class)
class SupervisorInspectorTest {

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

    @SuppressWarnings("unchecked")
    private static ComboBox<String> policyChoice(FxRobot robot) {
        List<ComboBox<String>> choices = robot.lookup(".inspector .combo-box").queryAllAs(ComboBox.class).stream()
                .map(c -> (ComboBox<String>) c).filter(c -> c.getItems().contains("FAIL")).toList();
        assertThat(choices).hasSize(1);
        return choices.get(0);
    }

    @Test
    void theWorkerFailurePolicyIsChosenInTheInspector(FxRobot robot) {
        NodeSkin lead = window.canvas().skinOf("lead").orElseThrow();
        Bounds b = FxPoints.onFx(() -> lead.localToScreen(lead.getBoundsInLocal()));
        robot.clickOn(b.getCenterX(), b.getCenterY());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().selection()).containsExactly("lead");

        ComboBox<String> policy = policyChoice(robot);
        assertThat(policy.getValue()).isEqualTo("REPORT");
        assertThat(robot.lookup(".inspector .label").queryAllAs(Label.class)).extracting(Label::getText)
                .anyMatch(t -> t.startsWith("When a worker fails"));
        robot.interact(() -> policy.getSelectionModel().select("FAIL"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.document().flow().node("lead").orElseThrow().onWorkerFailure())
                .isEqualTo(WorkerFailurePolicy.FAIL);
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Edit on worker failure");
        assertThat(FlowJson.write(window.document().flow())).contains("\"onWorkerFailure\": \"FAIL\"");
        robot.interact(() -> window.document().commands().undo());
        assertThat(window.document().flow().node("lead").orElseThrow().onWorkerFailure()).isNull();
        assertThat(policyChoice(robot).getValue()).isEqualTo("REPORT");
    }
}
