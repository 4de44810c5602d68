package dev.baton.app;

import dev.baton.cli.BatonVersion;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.secret.Redactor;
import dev.baton.ui.shell.DesignerWindow;
import dev.baton.ui.fx.FxDialogService;
import dev.baton.ui.fx.Styles;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.List;

/**
 * The JavaFX application: opens the designer window on the file given on the command line, and runs it on
 * {@code --run}. The window shows at once with a "Starting Baton…" placeholder, and the designer is built behind it
 * in the next turn of the FX thread: building it (controls, CSS for every panel) takes longer than starting JavaFX
 * itself, and a user should see the window answer the click that started it.
 */
public final class BatonApp extends Application {

    @Override
    public void start(Stage stage) {
        StartupProbe.watch(stage);
        Styles.applyTheme(false);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Label starting = new Label("Starting Baton…");
        starting.getStyleClass().add("welcome-title");
        StackPane placeholder = new StackPane(starting);
        placeholder.getStyleClass().add("starting");
        // the size the designer's scene asks for, so the window does not jump when the designer replaces it
        Scene scene = new Scene(placeholder, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        Styles.install(scene);
        stage.setTitle("Baton");
        stage.setScene(scene);
        stage.show();
        // once the placeholder's first frame has been drawn (the render thread says so), and a moment later, so that
        // it is on screen while the designer is built: on Linux the FX thread also runs GTK's event loop, and a
        // window whose first frame is not through before the FX thread gets busy stays blank until it is free again
        FirstFrame.afterRendered(scene, () -> {
            javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(
                    javafx.util.Duration.millis(30));
            settle.setOnFinished(e -> openDesigner(stage));
            settle.play();
        });
    }

    private void openDesigner(Stage stage) {
        // the program's one redactor: key shapes plus the provider keys of the environment and the credentials file
        Redactor redactor = new Redactor(Credentials.fromSystem().keyValues());
        DesignerWindow window = new DesignerWindow(stage, new FxDialogService(() -> stage), redactor);
        window.setBatonVersion(BatonVersion.version());
        LaunchArgs args;
        try {
            args = LaunchArgs.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            System.err.println("baton: " + e.getMessage());
            args = LaunchArgs.parse(List.of());
        }
        window.start(args.file());
        StartupProbe.designerReady(stage);
        if (args.runInput() != null && args.file() != null) {
            // the designer is built inside an animation pulse, where a dialog (a preflight problem) cannot be shown
            String input = args.runInput();
            javafx.application.Platform.runLater(() -> window.runWith(input));
        }
    }
}
