package dev.baton.ui.shell;

import dev.baton.ui.fx.Styles;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The theme survives a restart (kept in a temporary Baton home here). */
@ExtendWith(ApplicationExtension.class)
class ThemeSettingTest {

    @TempDir
    Path home;
    private String before;

    @BeforeEach
    void useTemporaryHome() {
        before = System.getProperty("baton.home");
        System.setProperty("baton.home", home.toString());
    }

    @AfterEach
    void restore(FxRobot robot) {
        if (before == null) {
            System.clearProperty("baton.home");
        } else {
            System.setProperty("baton.home", before);
        }
        robot.interact(() -> Styles.applyTheme(false));
    }

    @Test
    void aSecondLaunchComesBackDark(FxRobot robot) throws Exception {
        Stage[] first = new Stage[1];
        DesignerWindow[] window = new DesignerWindow[1];
        robot.interact(() -> {
            first[0] = new Stage();
            window[0] = DesignerStage.open(first[0], new FakeDialogs(), 1280, 800);
        });
        assertThat(FxPoints.onFx(() -> window[0].isDark())).isFalse();
        DesignerStage.showSmallFlow(robot, window[0]);
        robot.clickOn("View").clickOn("Dark Theme");
        robot.interact(() -> first[0].fireEvent(new WindowEvent(first[0], WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readString(home.resolve("designer.properties"))).contains("theme=dark");

        Stage[] second = new Stage[1];
        robot.interact(() -> {
            second[0] = new Stage();
            window[0] = new DesignerWindow(second[0], new FakeDialogs());
            second[0].setWidth(1280);
            second[0].setHeight(800);
            second[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(() -> window[0].isDark())).isTrue();
        robot.interact(() -> {
            first[0].hide();
            second[0].hide();
        });
    }

    @Test
    void aDamagedSettingsFileMeansTheDefaults() throws Exception {
        Files.writeString(home.resolve("designer.properties"), "theme=dark\n\\u00");
        assertThat(ThemeSetting.inHome().dark()).isFalse();
        Files.writeString(home.resolve("designer.properties"), "theme=dark\n");
        assertThat(ThemeSetting.inHome().dark()).isTrue();
    }
}
