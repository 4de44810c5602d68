package dev.baton.ui.shell;

import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.run.JudgeOutcome;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a run of the contract sample the judge shows its choice: the winning input's edge in the winner style, the
 * other dimmed, a callout naming the winner with the first line of the reason, and no badge or callout over an edge
 * label.
 */
@ExtendWith(ApplicationExtension.class)
class JudgeOnCanvasTest {

    private static final Path CONTRACT = Path.of("sample-flows", "parallel-contract-review.json");
    private static final String JUDGE = "contract-judge";

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        window = new DesignerWindow(stage, new FakeDialogs());
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of(
                "Review this contract: the supplier's liability is unlimited; payment within 90 days."));
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
    }

    @Test
    void theWinningInputIsHighlightedTheOtherDimmedAndTheCalloutNamesTheWinner(FxRobot robot) throws Exception {
        Flow flow = FlowFiles.load(CONTRACT).flow();
        robot.interact(() -> {
            window.document().replace(flow, CONTRACT);
            window.showCanvas();
            window.canvas().zoomToFit();
        });
        WaitForAsyncUtils.waitForFxEvents();
        RunController c = DesignerStage.runToEnd(robot, window, started -> { });
        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);

        JudgeOutcome decision = c.viewModel().node(JUDGE).decisionProperty().get();
        assertThat(decision).as("the judge decided").isNotNull();
        List<Edge> inputs = flow.edges().stream()
                .filter(e -> e.kind() == EdgeKind.NEXT && e.to().equals(JUDGE)).toList();
        assertThat(inputs).hasSize(2).anyMatch(e -> e.from().equals(decision.winner()));
        for (Edge in : inputs) {
            EdgeSkin v = window.canvas().edgeViewOf(in.id()).orElseThrow();
            boolean won = in.from().equals(decision.winner());
            assertThat(v.getPseudoClassStates()).as(in.id() + (won ? " won" : " lost"))
                    .contains(won ? EdgeSkin.WINNER : EdgeSkin.DIMMED)
                    .doesNotContain(won ? EdgeSkin.DIMMED : EdgeSkin.WINNER);
        }

        String winnerName = flow.node(decision.winner()).orElseThrow().name();
        VBox callout = robot.lookup("#judge-callout-" + JUDGE).queryAs(VBox.class);
        assertThat(callout.isVisible()).isTrue();
        List<String> texts = callout.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        assertThat(texts.get(0)).contains(winnerName).contains("won");
        String firstReasonLine = decision.rationale().strip().lines().findFirst().orElseThrow();
        assertThat(texts.get(1)).isEqualTo(firstReasonLine);
        javafx.scene.control.Tooltip tip = (javafx.scene.control.Tooltip) callout.getProperties().values().stream()
                .filter(v -> v instanceof javafx.scene.control.Tooltip).findFirst().orElse(null);
        assertThat(tip).as("the callout has a tooltip").isNotNull();
        assertThat(tip.getText()).contains(decision.rationale());

        // nothing the run added covers an edge label: not the callout, not a status badge
        List<Bounds> labels = edgeLabels();
        assertThat(labels).isNotEmpty();
        Bounds calloutBounds = callout.getBoundsInParent();
        assertThat(labels).as("callout at " + calloutBounds).noneMatch(calloutBounds::intersects);
        for (String nodeId : List.of(JUDGE, "legal-agent", "financial-agent", "summary-writer")) {
            NodeSkin skin = window.canvas().skinOf(nodeId).orElseThrow();
            Node badge = skin.lookup(".run-badge");
            assertThat(badge.isVisible()).as(nodeId + " shows a badge").isTrue();
            Bounds inWorld = skin.localToParent(badge.getBoundsInParent());
            assertThat(labels).as(nodeId + "'s badge at " + inWorld).noneMatch(inWorld::intersects);
            assertThat(calloutBounds.intersects(inWorld)).as("callout over " + nodeId + "'s badge").isFalse();
        }
    }

    private List<Bounds> edgeLabels() {
        List<Bounds> out = new ArrayList<>();
        for (Edge e : window.document().flow().edges()) {
            window.canvas().edgeViewOf(e.id()).flatMap(EdgeSkin::labelBounds).ifPresent(out::add);
        }
        return out;
    }
}
