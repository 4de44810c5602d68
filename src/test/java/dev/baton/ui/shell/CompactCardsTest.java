package dev.baton.ui.shell;

import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Zoomed out below 75 % the cards turn compact: the name larger (legible at a fit zoom), role and badge left out. */
@ExtendWith(ApplicationExtension.class)
class CompactCardsTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    private double nameHeightOnScreen(FxRobot robot, double scale) {
        robot.interact(() -> window.canvas().view().scale().set(scale));
        WaitForAsyncUtils.waitForFxEvents();
        return FxPoints.onFx(() -> {
            NodeSkin skin = window.canvas().skinOf("writer").orElseThrow();
            Label name = (Label) skin.lookup(".node-name");
            return name.getFont().getSize() * scale;
        });
    }

    private boolean roleVisible() {
        return FxPoints.onFx(() -> window.canvas().skinOf("writer").orElseThrow().lookup(".node-role").isVisible());
    }

    @Test
    void theNameStaysLegibleWhenZoomedOut(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        assertThat(nameHeightOnScreen(robot, 1.0)).isEqualTo(13.0);
        assertThat(roleVisible()).isTrue();

        double compact = nameHeightOnScreen(robot, 0.6);
        assertThat(compact).as("the name's size on screen at 60 %").isGreaterThanOrEqualTo(9.5);
        assertThat(roleVisible()).isFalse();

        assertThat(nameHeightOnScreen(robot, FlowCanvas.COMPACT_BELOW)).isEqualTo(13.0 * FlowCanvas.COMPACT_BELOW);
        assertThat(roleVisible()).isTrue();
    }
}
