package dev.baton.ui;

import dev.baton.ui.fx.DialogService;
import dev.baton.ui.fx.Styles;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The designer window as the UI tests open it: light theme, a fixed size, shown. */
final class DesignerStage {

    private DesignerStage() {
    }

    /** Opens the designer in {@code stage} with the given dialogs, at {@code width} × {@code height}. */
    static DesignerWindow open(Stage stage, DialogService dialogs, double width, double height) {
        Styles.applyTheme(false);
        DesignerWindow window = new DesignerWindow(stage, dialogs);
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        return window;
    }

    /** Puts the small test flow on the canvas (no file) and waits until it is shown. */
    static void showSmallFlow(FxRobot robot, DesignerWindow window) {
        robot.interact(() -> {
            window.document().replace(UiFlows.small(), null);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
