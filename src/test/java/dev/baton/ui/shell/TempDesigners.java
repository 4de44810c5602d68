package dev.baton.ui.shell;

import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Designer windows opened on stages of their own, in a Baton home of their own (settings, recent files), for tests of
 * what a window remembers: the home is a fresh temporary folder for each test, the windows are hidden and the
 * previous {@code baton.home} is back afterwards. Register with {@code @RegisterExtension}.
 */
final class TempDesigners implements BeforeEachCallback, AfterEachCallback {

    private final List<Stage> stages = new ArrayList<>();
    private Path home;
    private String before;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("baton-home");
        before = System.getProperty("baton.home");
        System.setProperty("baton.home", home.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        new FxRobot().interact(() -> stages.forEach(Stage::hide));
        stages.clear();
        if (before == null) {
            System.clearProperty("baton.home");
        } else {
            System.setProperty("baton.home", before);
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The Baton home of the current test. */
    Path home() {
        return home;
    }

    /** A designer window at 1280×800 on a new stage, its first events handled. */
    DesignerWindow open(FxRobot robot, FakeDialogs dialogs) {
        DesignerWindow[] window = new DesignerWindow[1];
        robot.interact(() -> {
            Stage stage = new Stage();
            stages.add(stage);
            window[0] = DesignerStage.open(stage, dialogs, 1280, 800);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return window[0];
    }
}
