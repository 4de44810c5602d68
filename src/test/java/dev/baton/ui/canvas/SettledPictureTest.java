package dev.baton.ui.canvas;

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
 * When a crowded view settles, the frame it settles in paints no picture on the FX thread: the skins are revealed
 * over the last moving picture when it shows exactly this view (a pan by whole pixels), and otherwise (a zoom) over
 * one the {@code canvas-picture} worker paints while the last one stays. Each layout pass below is one frame.
 */
@ExtendWith(ApplicationExtension.class)
class SettledPictureTest {

    private FlowCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = CrowdedCanvas.show(stage);
    }

    private void openedViewSettledThenHeld(FxRobot robot) {
        CrowdedCanvas.settledThenHeld(robot, canvas);
    }

    private void frame() {
        CrowdedCanvas.frame(canvas);
    }

    /** Frames (letting the worker's pictures in between) until the skins are all made and uncovered. */
    private void framesUntilFullyDrawn(FxRobot robot) {
        for (int i = 0; i < 400 && !canvas.fullyDrawn(); i++) {
            robot.interact(this::frame);
            WaitForAsyncUtils.sleep(5, TimeUnit.MILLISECONDS);
        }
        assertThat(canvas.fullyDrawn()).isTrue();
    }

    @Test
    void aPanByWholePixelsSettlesOverItsLastMovingPicture(FxRobot robot) {
        openedViewSettledThenHeld(robot);
        int[] paints = new int[2];
        robot.interact(() -> {
            for (int i = 0; i < 8; i++) {
                canvas.view().panBy(-7, -3);
                frame();
            }
            assertThat(canvas.renderMode()).isEqualTo("CARDS");
            assertThat(canvas.raster().paintingLater()).isFalse();
            paints[0] = canvas.raster().paints();
            canvas.settleNow();
            frame();
        });
        framesUntilFullyDrawn(robot);
        robot.interact(() -> paints[1] = canvas.raster().paints());
        // the skins came back over the picture the pan ended with: not one picture more
        assertThat(paints[1]).isEqualTo(paints[0]);
        assertThat(canvas.renderMode()).isEqualTo("SKINS");
    }

    @Test
    void aZoomSettlesOverAPicturePaintedOnTheWorker(FxRobot robot) {
        openedViewSettledThenHeld(robot);
        int[] paints = new int[3];
        boolean[] later = new boolean[1];
        robot.interact(() -> {
            canvas.view().panBy(-6, 0);
            frame();
            canvas.view().panBy(-6, 0);
            frame();
            // the zoom's pictures go to the worker; the last one asked for is not shown yet when the view settles
            canvas.view().zoomAt(1.01, 500, 350);
            frame();
            canvas.view().zoomAt(1.01, 500, 350);
            frame();
            paints[0] = canvas.raster().paints();
            canvas.settleNow();
            frame();
            // the settle frame paints nothing itself: the picture of the settled view is on the worker
            paints[1] = canvas.raster().paints();
            later[0] = canvas.raster().paintingLater();
            assertThat(canvas.renderMode()).isEqualTo("CARDS");
        });
        assertThat(paints[1]).isEqualTo(paints[0]);
        assertThat(later[0]).isTrue();
        framesUntilFullyDrawn(robot);
        robot.interact(() -> paints[2] = canvas.raster().paints());
        assertThat(paints[2]).isGreaterThan(paints[1]);
        // the skins were revealed over a picture of exactly the settled view
        assertThat(canvas.raster().paintedScale()).isEqualTo(canvas.view().scale().get());
        assertThat(canvas.raster().showsExactly(canvas.view(), (int) Math.ceil(canvas.getWidth()),
                (int) Math.ceil(canvas.getHeight()))).isTrue();
        assertThat(canvas.renderMode()).isEqualTo("SKINS");
    }
}
