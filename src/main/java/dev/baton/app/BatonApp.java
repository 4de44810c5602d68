package dev.baton.app;

import dev.baton.cli.BatonVersion;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.secret.Redactor;
import dev.baton.ui.DesignerWindow;
import dev.baton.ui.fx.FxDialogService;
import dev.baton.ui.fx.Styles;
import javafx.application.Application;
import javafx.stage.Stage;

import java.util.List;

/** The JavaFX application: opens the designer window on the file given on the command line, and runs it on {@code --run}. */
public final class BatonApp extends Application {

    @Override
    public void start(Stage stage) {
        Styles.applyTheme(false);
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
        if (args.runInput() != null && args.file() != null) {
            window.runWith(args.runInput());
        }
    }
}
