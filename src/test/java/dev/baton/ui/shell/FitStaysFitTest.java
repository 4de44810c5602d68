package dev.baton.ui.shell;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flow fit to the view when it opens stays fit while the window's panels settle or the window is resized, so that
 * it is not left small in a corner; once the user zooms, a resize leaves the view alone.
 */
@ExtendWith(ApplicationExtension.class)
class FitStaysFitTest {

    private DesignerWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    private double scale() {
        return FxPoints.onFx(() -> window.canvas().view().scale().get());
    }

    @Test
    void aFittedFlowIsFitAgainWhenTheCanvasGrows(FxRobot robot) {
        robot.interact(() -> stage.setHeight(420)); // a short window: the opened flow fits small
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            window.document().replace(UiFlows.sample("swarm-customer-support.json"), null);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();
        double small = scale();

        robot.interact(() -> stage.setHeight(800));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        double grown = scale();
        double fitNow = FxPoints.onFx(() -> {
            window.canvas().zoomToFit();
            return window.canvas().view().scale().get();
        });

        assertThat(grown).as("fit again at the new size").isGreaterThan(small).isEqualTo(fitNow);
    }

    @Test
    void aViewTheUserZoomedStaysWhenTheWindowIsResized(FxRobot robot) {
        robot.interact(() -> {
            window.document().replace(UiFlows.sample("swarm-customer-support.json"), null);
            window.showCanvas();
            window.canvas().zoomBy(1.25);
        });
        WaitForAsyncUtils.waitForFxEvents();
        double zoomed = scale();

        robot.interact(() -> stage.setHeight(600));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(scale()).isEqualTo(zoomed);
    }
}
