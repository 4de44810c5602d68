package dev.baton.ui.canvas;

import javafx.scene.transform.Transform;
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
 * While a crowded view moves, its picture is painted with a margin and then moved with a pan instead of painted anew
 * each frame; a moving overview is drawn on a worker while the last one follows the view. Each layout pass below is
 * one frame. A zoom of cards is drawn on the worker too (it cannot be followed by moving the picture).
 */
@ExtendWith(ApplicationExtension.class)
class MovingPictureTest {

    private FlowCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = CrowdedCanvas.show(stage);
    }

    private void openedViewSettledThenHeld(FxRobot robot) {
        CrowdedCanvas.settledThenHeld(robot, canvas);
    }

    /** A pan's first two frames (call on the FX thread): the second change is the gesture's moving picture. */
    private void startAPan() {
        canvas.view().panBy(-6, 0);
        frame();
        canvas.view().panBy(-6, 0);
        frame();
    }

    /** Goes on panning a pixel a frame (so that the view never settles) until the worker's picture is shown. */
    private void panUntilTheWorkersPictureIsShown(FxRobot robot) {
        for (int i = 0; i < 200 && canvas.raster().paintingLater(); i++) {
            robot.interact(() -> {
                canvas.view().panBy(-1, 0);
                frame();
            });
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void frame() {
        CrowdedCanvas.frame(canvas);
    }

    private double imageX() {
        Transform t = canvas.raster().image().getLocalToParentTransform();
        return t.getTx();
    }

    @Test
    void aPanMovesThePictureUntilItsMarginIsUsedUp(FxRobot robot) {
        openedViewSettledThenHeld(robot);
        int[] paints = new int[4];
        double[] x = new double[2];
        robot.interact(() -> {
            startAPan();
            assertThat(canvas.renderMode()).isEqualTo("CARDS");
            paints[0] = canvas.raster().paints();
            x[0] = imageX();
            for (int i = 0; i < 10; i++) {
                canvas.view().panBy(-6, 0);
                frame();
            }
            paints[1] = canvas.raster().paints();
            x[1] = imageX();
            // past the margin the picture must be painted again
            for (int i = 0; i < FlowRaster.MOVING_MARGIN / 6 + 2; i++) {
                canvas.view().panBy(-6, 0);
                frame();
            }
            paints[2] = canvas.raster().paints();
        });
        assertThat(paints[1]).isEqualTo(paints[0]);
        assertThat(x[1] - x[0]).isEqualTo(-60);
        assertThat(paints[2]).isGreaterThan(paints[1]);
    }

    @Test
    void aZoomOfCardsIsDrawnOnTheWorkerWhileTheLastPictureStays(FxRobot robot) throws Exception {
        openedViewSettledThenHeld(robot);
        int[] paints = new int[3];
        boolean[] later = new boolean[1];
        double[] scale = new double[2];
        robot.interact(() -> {
            startAPan();
            assertThat(canvas.renderMode()).isEqualTo("CARDS");
            paints[0] = canvas.raster().paints();
            scale[0] = canvas.raster().paintedScale();
            // a zoom cannot move the picture: the next one is drawn on the worker, none on the FX thread
            canvas.view().zoomAt(1.01, 500, 350);
            frame();
            canvas.view().zoomAt(1.01, 500, 350);
            frame();
            paints[1] = canvas.raster().paints();
            later[0] = canvas.raster().paintingLater();
            scale[1] = canvas.raster().paintedScale();
        });
        assertThat(paints[1]).isEqualTo(paints[0]);
        assertThat(later[0]).isTrue();
        assertThat(scale[1]).isEqualTo(scale[0]);
        // the zoom goes on a pixel's pan at a time (so that the view never settles) until the worker's picture is in
        panUntilTheWorkersPictureIsShown(robot);
        robot.interact(() -> paints[2] = canvas.raster().paints());
        assertThat(paints[2]).isGreaterThan(paints[1]);
        assertThat(canvas.renderMode()).isEqualTo("CARDS");
        assertThat(canvas.raster().paintedScale()).isEqualTo(canvas.view().scale().get());
        assertThat(canvas.raster().paintedDetail()).isEqualTo(FlowRaster.Detail.CARDS);
    }

    @Test
    void halfWayThroughTheMarginTheNextPictureIsDrawnOnTheWorker(FxRobot robot) throws Exception {
        openedViewSettledThenHeld(robot);
        int[] paints = new int[2];
        boolean[] later = new boolean[2];
        robot.interact(() -> {
            startAPan();
            later[0] = canvas.raster().paintingLater();
            for (int i = 0; i < FlowRaster.MOVING_MARGIN / 2 / 6 + 1; i++) {
                canvas.view().panBy(-6, 0);
                frame();
            }
            later[1] = canvas.raster().paintingLater();
            paints[0] = canvas.raster().paints();
        });
        assertThat(later[0]).isFalse();
        assertThat(later[1]).isTrue();
        // the pan goes on (a pixel at a time, so that the view never settles) until the worker's picture is shown
        panUntilTheWorkersPictureIsShown(robot);
        robot.interact(() -> {
            paints[1] = canvas.raster().paints();
            canvas.view().panBy(-1, 0);
            frame();
        });
        // one picture more, from the worker: no frame of the pan painted one
        assertThat(paints[1]).isEqualTo(paints[0] + 1);
        assertThat(canvas.renderMode()).isEqualTo("CARDS");
        // the new picture, placed where the view is now, has most of its margin again
        assertThat(canvas.raster().marginLeft(canvas.view(), (int) canvas.getWidth(), (int) canvas.getHeight()))
                .isGreaterThan(FlowRaster.MOVING_MARGIN / 2.0);
    }

    @Test
    void aMovingOverviewIsDrawnOnTheWorkerAndShownWhenDone(FxRobot robot) throws Exception {
        openedViewSettledThenHeld(robot);
        int[] paints = new int[2];
        boolean[] later = new boolean[1];
        robot.interact(() -> {
            canvas.view().scale().set(0.2);
            frame();
            assertThat(canvas.renderMode()).isEqualTo("OVERVIEW");
            canvas.view().zoomAt(1.02, 500, 350);
            frame();
            canvas.view().zoomAt(1.02, 500, 350);
            paints[0] = canvas.raster().paints();
            frame();
            later[0] = canvas.raster().paintingLater();
        });
        assertThat(later[0]).isTrue();
        // the worker's picture arrives through the FX thread
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !canvas.raster().paintingLater());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> paints[1] = canvas.raster().paints());
        assertThat(paints[1]).isGreaterThan(paints[0]);
        assertThat(canvas.raster().paintedScale()).isEqualTo(canvas.view().scale().get());
    }
}
