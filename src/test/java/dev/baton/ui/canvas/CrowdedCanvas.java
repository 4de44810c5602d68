package dev.baton.ui.canvas;

import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.fx.Styles;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

/**
 * The canvas tests' stage: {@link CanvasRevealTest#crowded()} at half size in a 1000×700 scene, styled as the
 * designer is (at half size some 8 columns of 12 cards and their edges are in view: more than
 * {@link CanvasRenderer#HEAVY}), and the steps those tests take on it.
 */
final class CrowdedCanvas {

    private CrowdedCanvas() {
    }

    /** Shows {@code document}'s canvas on {@code stage} and returns it. */
    static FlowCanvas show(Stage stage, FlowDocument document) {
        Styles.applyTheme(false);
        FlowCanvas canvas = new FlowCanvas(document);
        canvas.view().scale().set(0.5);
        Scene scene = new Scene(new StackPane(canvas), 1000, 700);
        Styles.install(scene);
        stage.setScene(scene);
        stage.show();
        return canvas;
    }

    /** As {@link #show(Stage, FlowDocument)} with the crowded flow. */
    static FlowCanvas show(Stage stage) {
        return show(stage, new FlowDocument(CanvasRevealTest.crowded()));
    }

    /** One layout pass, as a frame makes (call on the FX thread). */
    static void frame(FlowCanvas canvas) {
        canvas.requestLayout();
        canvas.layout();
    }

    /**
     * Lets the opened view settle, then holds it unsettled: gestures stepped from the test's thread can outlast, on a
     * loaded machine, the 180 ms of stillness after which the view settles, and a settle mid-gesture is not what the
     * tests look at.
     */
    static void settledThenHeld(FxRobot robot, FlowCanvas canvas) {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        robot.interact(() -> canvas.settleAfter(javafx.util.Duration.seconds(5)));
    }
}
