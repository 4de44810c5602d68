package dev.baton.ui.canvas;

import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.run.EdgeSignal;
import dev.baton.ui.run.RunViewModel;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crowded view draws its plain edges into the picture under the card skins (hundreds of edge paths in the scene
 * graph were most of the render thread's work whenever the view was repainted), and an edge that must react comes
 * out of the picture as a real skin: selected, hovered, clicked, or lit by a run.
 */
@ExtendWith(ApplicationExtension.class)
class CrowdedEdgesTest {

    private FlowDocument document;
    private FlowCanvas canvas;

    @Start
    void start(Stage stage) {
        document = new FlowDocument(CanvasRevealTest.crowded());
        canvas = CrowdedCanvas.show(stage, document);
    }

    private void frame() {
        CrowdedCanvas.frame(canvas);
    }

    /** Frames until the skins are made and uncovered (each layout pass is one frame). */
    private void settle(FxRobot robot) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        robot.interact(() -> {
            for (int i = 0; i < 200 && (canvas.revealing() || !canvas.renderMode().equals("SKINS")
                    || canvas.skinOf("a0").isEmpty()); i++) {
                frame();
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Where the straight NEXT edge e{i} (row i, first column to the second) passes half way, on the screen. */
    private Point2D edgeMiddleOnScreen(int row) {
        double y = row * 120.0 + NodeGeometry.HEIGHT / 2;
        double x = (NodeGeometry.WIDTH + 260.0) / 2;
        Point2D local = canvas.view().toScreen(x, y);
        return canvas.localToScreen(local);
    }

    @Test
    void aCrowdedViewDrawsItsPlainEdgesInThePictureNotAsSkins(FxRobot robot) {
        settle(robot);
        boolean[] shown = new boolean[3];
        int[] pictured = new int[1];
        robot.interact(() -> {
            shown[0] = canvas.skinOf("a0").isPresent();
            shown[1] = canvas.skinOf("a31").isPresent();
            shown[2] = canvas.edgeViewOf("e0").isPresent() || canvas.edgeViewOf("e31").isPresent();
            pictured[0] = canvas.picturedEdges();
        });
        assertThat(shown[0]).as("card a0 is a skin").isTrue();
        assertThat(shown[1]).as("card a31 is a skin").isTrue();
        assertThat(shown[2]).as("the plain edges between them are not").isFalse();
        assertThat(canvas.renderMode()).isEqualTo("SKINS");
        assertThat(canvas.skinCount()).isEqualTo(canvas.nodeSkins().size());
        // the picture has not been repainted since the reveal: it still holds the moving picture's edges, or the
        // plain edges alone once repainted; either way, after a still repaint it draws the plain edges
        robot.interact(() -> {
            canvas.view().panBy(-1, 0);
            frame();
            pictured[0] = canvas.picturedEdges();
        });
        assertThat(pictured[0]).isGreaterThan(40);
    }

    @Test
    void aSelectedEdgeComesOutOfThePictureAsASelectedSkin(FxRobot robot) {
        settle(robot);
        robot.interact(() -> {
            document.selection().add("e2");
            frame();
        });
        assertThat(canvas.edgeViewOf("e2")).isPresent();
        assertThat(canvas.edgeViewOf("e2").get().getPseudoClassStates()).contains(EdgeSkin.SELECTED);
        assertThat(canvas.edgeViewOf("e3")).isEmpty();
        robot.interact(() -> {
            document.selection().clear();
            frame();
        });
        assertThat(canvas.edgeViewOf("e2")).isEmpty();
    }

    @Test
    void anEdgeInThePictureHoversAndClicksLikeASkin(FxRobot robot) {
        settle(robot);
        assertThat(canvas.edgeViewOf("e4")).isEmpty();
        robot.moveTo(edgeMiddleOnScreen(4));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(this::frame);
        assertThat(canvas.edgeViewOf("e4")).as("the hovered edge is a skin").isPresent();
        // into the empty gap between two rows of cards: the edge goes back into the picture
        robot.moveTo(edgeMiddleOnScreen(4).add(0, 60 * canvas.view().scale().get()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(this::frame);
        assertThat(canvas.edgeViewOf("e4")).as("no longer hovered").isEmpty();
        robot.clickOn(edgeMiddleOnScreen(4));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(this::frame);
        assertThat(document.selection()).containsExactly("e4");
        assertThat(canvas.edgeViewOf("e4")).isPresent();
    }

    @Test
    void anEdgeARunLightsComesOutOfThePictureAndFlashes(FxRobot robot) {
        settle(robot);
        RunViewModel run = new RunViewModel(document.flow());
        robot.interact(() -> canvas.showRun(run, new SimpleDoubleProperty(1)));
        assertThat(canvas.edgeViewOf("e6")).isEmpty();
        boolean[] flashing = new boolean[1];
        robot.interact(() -> {
            run.edge("e6").lastSignalProperty().set(new EdgeSignal(EdgeSignal.Kind.CONTEXT, "a6", "a36", "full",
                    "the draft", 1));
            run.edge("e6").traversalsProperty().set(1);
            frame();
            flashing[0] = canvas.edgeViewOf("e6").map(EdgeSkin::isFlashing).orElse(false);
        });
        assertThat(canvas.edgeViewOf("e6")).as("the lit edge is a skin").isPresent();
        assertThat(flashing[0]).as("and its flash was played on it").isTrue();
        assertThat(canvas.edgeViewOf("e7")).isEmpty();
        robot.interact(() -> {
            canvas.clearRun();
            frame();
        });
        assertThat(canvas.edgeViewOf("e6")).as("back in the picture after the run").isEmpty();
    }
}
