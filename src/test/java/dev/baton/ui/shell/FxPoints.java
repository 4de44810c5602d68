package dev.baton.ui.shell;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Where to click, measured on the FX thread. TestFX's {@code clickOn(node)} and {@code clickOn(query)} measure the
 * node's bounds on the calling (test) thread; while a run animates, the FX thread computes the same cached bounds in
 * its pulse, and the two can corrupt a parent's bounds cache (seen once in the suite: "Index -1 out of bounds" in
 * {@code Parent.updateCachedBounds}, then every later pulse of that window failed). Tests that click while a run is
 * shown click on these points instead.
 */
final class FxPoints {

    private FxPoints() {
    }

    /** {@code work} on the FX thread, waited for. */
    static <T> T onFx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX thread work failed", e);
        }
    }

    /** The centre of {@code node} on screen. */
    static Point2D centre(Node node) {
        return onFx(() -> {
            Bounds b = node.localToScreen(node.getBoundsInLocal());
            if (b == null) {
                throw new AssertionError(node + " is not on screen");
            }
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
    }

    /** The centre on screen of the node {@code query} finds (an id like "#run-cancel" or a label's text). */
    static Point2D centre(FxRobot robot, String query) {
        return centre(onFx(() -> robot.lookup(query).query()));
    }

    /** Clicks the node {@code query} finds, measured on the FX thread. */
    static void click(FxRobot robot, String query) {
        robot.clickOn(centre(robot, query));
    }
}
