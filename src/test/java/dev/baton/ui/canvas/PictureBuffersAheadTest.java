package dev.baton.ui.canvas;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A still crowded view makes room, ahead, for the pictures its next gesture paints (with their wide margin): the first
 * frames of a pan allocate no pixel array of several MB (a humongous allocation that can start a collection there).
 */
@ExtendWith(ApplicationExtension.class)
class PictureBuffersAheadTest {

    private FlowCanvas canvas;

    @Start
    void start(Stage stage) {
        canvas = CrowdedCanvas.show(stage);
    }

    private void frame() {
        CrowdedCanvas.frame(canvas);
    }

    @Test
    void theFirstFramesOfAPanAllocateNoPixelArray(FxRobot robot) {
        // the opened view settles, and has its still frames (the FX thread pumping events between them)
        for (int i = 0; i < 300 && (!canvas.fullyDrawn() || i < 20); i++) {
            robot.interact(this::frame);
            WaitForAsyncUtils.sleep(5, TimeUnit.MILLISECONDS);
        }
        assertThat(canvas.fullyDrawn()).isTrue();
        long[] allocated = new long[1];
        robot.interact(() -> {
            canvas.settleAfter(javafx.util.Duration.seconds(5));
            long before = allocatedHere();
            // the first frame of a pan paints the still view, the second the first moving picture, with its margin
            for (int i = 0; i < 4; i++) {
                canvas.view().panBy(-6, -2);
                frame();
            }
            allocated[0] = allocatedHere() - before;
            assertThat(canvas.renderMode()).isEqualTo("CARDS");
        });
        // one new array for a 1000 × 700 canvas with its 240-pixel margins is 1480 × 1180 × 4 bytes, about 7 MB
        assertThat(allocated[0]).isLessThan(3L << 20);
    }

    private static long allocatedHere() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
