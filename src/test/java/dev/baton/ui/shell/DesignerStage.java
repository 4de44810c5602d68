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
     * Runs the open flow as Run ▸ Run does and waits until it ended and the view shows every event of it; the run's
     * controller. {@code started} says whether Run ▸ Run started the run (its message names what went wrong if not).
     */
    static dev.baton.ui.run.RunController runToEnd(FxRobot robot, DesignerWindow window,
                                                   java.util.function.Consumer<Boolean> started) throws Exception {
        boolean[] went = new boolean[1];
        robot.interact(() -> went[0] = window.runs().run());
        started.accept(went[0]);
        dev.baton.ui.run.RunController c = window.runPanel().controller();
        c.finished().get(60, java.util.concurrent.TimeUnit.SECONDS);
        java.util.concurrent.CompletableFuture<Void> marker = new java.util.concurrent.CompletableFuture<>();
        c.bridge().post(() -> marker.complete(null));
        marker.get(30, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return c;
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
