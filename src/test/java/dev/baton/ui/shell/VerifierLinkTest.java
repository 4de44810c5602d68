package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.document.command.EditNode;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The RE_VERIFY judge's verifier is linked to it on the canvas by a dashed line, so it is no orphan. */
@ExtendWith(ApplicationExtension.class)
class VerifierLinkTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
    }

    @Test
    void theJudgeAndItsVerifierAreJoinedByADashedLineThatFollowsTheFlow(FxRobot robot) throws Exception {
        Path file = Path.of("sample-flows", "parallel-contract-review.json");
        var flow = FlowFiles.load(file).flow();
        robot.interact(() -> {
            window.document().replace(flow, file);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.canvas().verifierLinkCount()).isEqualTo(1);
        Line line = robot.lookup("#verifier-link-contract-judge").queryAs(Line.class);
        assertThat(line.getStrokeDashArray()).as("dashed").isNotEmpty();
        AgentNode judge = flow.node("contract-judge").orElseThrow();
        AgentNode verifier = flow.node("clause-verifier").orElseThrow();
        assertThat(NodeGeometry.bounds(judge.position().x(), judge.position().y()).intersects(
                line.getStartX() - 2, line.getStartY() - 2, 4, 4)).as("starts on the judge's card").isTrue();
        assertThat(NodeGeometry.bounds(verifier.position().x(), verifier.position().y()).intersects(
                line.getEndX() - 2, line.getEndY() - 2, 4, 4)).as("ends on the verifier's card").isTrue();

        robot.interact(() -> window.document().execute(new EditNode(judge, judge.withJudge(new JudgeSpec(
                judge.judge().strategy(), judge.judge().trust(), null)), "verifier")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().verifierLinkCount()).isZero();
        robot.interact(() -> window.document().commands().undo());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().verifierLinkCount()).isEqualTo(1);
    }
}
