package dev.baton.ui.shell;

import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** After a run of the router sample the route taken is lit on the canvas and the routes not taken are dimmed. */
@ExtendWith(ApplicationExtension.class)
class RouterOnCanvasTest {

    private static final Path SAMPLE = Path.of("sample-flows", "router-support-intake.json");

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        window = new DesignerWindow(stage, new FakeDialogs());
        window.runs().setInputAsker((name, prompt, recent) -> Optional.of("I was charged twice on my invoice"));
        stage.setWidth(1200);
        stage.setHeight(760);
        stage.show();
    }

    @Test
    void theRouteTakenIsLitAndTheOthersDimmed(FxRobot robot) throws Exception {
        Flow flow = FlowFiles.load(SAMPLE).flow();
        robot.interact(() -> {
            window.document().replace(flow, SAMPLE);
            window.showCanvas();
            window.canvas().zoomToFit();
        });
        WaitForAsyncUtils.waitForFxEvents();
        // before a run no route is marked
        robot.interact(() -> assertThat(window.canvas().edgeViewOf("route-billing").orElseThrow()
                .getPseudoClassStates()).doesNotContain(EdgeSkin.WINNER, EdgeSkin.DIMMED));
        RunController c = DesignerStage.runToEnd(robot, window, started -> { });
        assertThat(c.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);

        List<Edge> routes = flow.outgoing("intake", EdgeKind.ROUTE);
        assertThat(routes).hasSize(4);
        robot.interact(() -> {
            for (Edge e : routes) {
                boolean taken = e.id().equals("route-billing");
                assertThat(window.canvas().edgeViewOf(e.id()).orElseThrow().getPseudoClassStates()).as(e.id())
                        .contains(taken ? EdgeSkin.WINNER : EdgeSkin.DIMMED)
                        .doesNotContain(taken ? EdgeSkin.DIMMED : EdgeSkin.WINNER);
            }
        });
    }
}
