package dev.baton.app;

import dev.baton.ui.DesignerWindow;
import dev.baton.ui.fx.FxDialogService;
import dev.baton.ui.fx.Styles;
import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/** The JavaFX application: opens the designer window on the file given on the command line, if any. */
public final class BatonApp extends Application {

    @Override
    public void start(Stage stage) {
        Styles.applyTheme(false);
        DesignerWindow window = new DesignerWindow(stage, new FxDialogService(() -> stage));
        List<String> args = getParameters().getRaw();
        window.start(args.isEmpty() ? null : Path.of(args.get(0)));
    }
}
