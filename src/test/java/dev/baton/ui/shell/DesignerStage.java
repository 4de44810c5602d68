package dev.baton.ui.shell;

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

    /**
     * Opens {@code flow} (from {@code file}) on the canvas with {@code run} shown on it and in the Run tab, which is
     * brought to the front, as Run ▸ Run does before it starts the run.
     */
    static void showRun(FxRobot robot, DesignerWindow window, dev.baton.flow.Flow flow, java.nio.file.Path file,
                        dev.baton.ui.run.RunController run) {
        robot.interact(() -> {
            window.document().replace(flow, file);
            window.showCanvas();
            window.canvas().showRun(run.viewModel(), run.speedProperty());
            window.runPanel().attach(run);
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) robot.lookup(".tab-pane")
                    .match(n -> ((javafx.scene.control.TabPane) n).getTabs().stream()
                            .anyMatch(t -> "tab-run".equals(t.getId()))).query();
            tabs.getTabs().stream().filter(t -> "tab-run".equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        });
    }
}
