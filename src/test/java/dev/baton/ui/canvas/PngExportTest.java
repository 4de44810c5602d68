package dev.baton.ui.canvas;

import dev.baton.engine.SampleFlows;
import dev.baton.flow.Flow;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.fx.Styles;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PNG export is taken of the styled canvas (icons, ports, model badges, edge labels), not of the picture that
 * stands in for the skins while they are being made: off screen there are no pulses to finish them.
 */
@ExtendWith(ApplicationExtension.class)
class PngExportTest {

    private List<String> stylesheets;

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        Scene scene = new Scene(new StackPane(), 200, 100);
        Styles.install(scene);
        stylesheets = List.copyOf(scene.getStylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theImageIsTakenOfEveryStyledCardAndEdgeLabel(FxRobot robot) {
        check(robot, SampleFlows.blogChain(), 1);
        check(robot, SampleFlows.blogChain(), 2);
        check(robot, CanvasRevealTest.crowded(), 1); // more cards than one batch makes: several passes
    }

    private void check(FxRobot robot, Flow flow, double pixelScale) {
        FlowCanvas[] canvas = new FlowCanvas[1];
        robot.interact(() -> canvas[0] = PngExport.prepare(flow, stylesheets, pixelScale));
        FlowCanvas c = canvas[0];
        assertThat(c.renderMode()).isEqualTo("SKINS");
        assertThat(c.fullyDrawn()).isTrue();
        assertThat(c.nodeSkins()).hasSize(flow.nodes().size());
        for (NodeSkin skin : c.nodeSkins()) {
            assertThat(shown(skin)).as(skin.nodeId()).isTrue();
        }
        long labels = flow.edges().stream().filter(e -> !e.label().isBlank()).count();
        List<Node> shownLabels = c.lookupAll(".edge-label").stream().filter(PngExportTest::shown).toList();
        assertThat(shownLabels.size()).as("edge labels shown").isGreaterThanOrEqualTo((int) Math.min(1, labels));
    }

    private static boolean shown(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible() || x.getOpacity() == 0) {
                return false;
            }
        }
        return true;
    }
}
