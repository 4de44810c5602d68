package dev.baton.app;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The designer's window shows at once with "Starting Baton…" and the designer replaces it once that frame was drawn
 * (issue 15: start-up), in the same window.
 */
class BatonAppStartTest {

    @TempDir
    Path home;

    private String before;

    @AfterEach
    void restore() throws Exception {
        FxToolkit.cleanupStages();
        if (before == null) {
            System.clearProperty("baton.home");
        } else {
            System.setProperty("baton.home", before);
        }
    }

    @Test
    void theWindowShowsAPlaceholderFirstThenTheDesignerInTheSameWindow() throws Exception {
        before = System.getProperty("baton.home");
        System.setProperty("baton.home", home.toString());
        Stage stage = FxToolkit.registerPrimaryStage();
        List<String> firstTexts = new ArrayList<>();
        List<Double> widths = new ArrayList<>();
        // the primary stage is shared by the UI tests of this JVM: as an earlier designer left it, its title is bound
        FxToolkit.setupFixture(() -> {
            stage.titleProperty().unbind();
            stage.setScene(null);
        });
        FxToolkit.setupFixture(() -> stage.sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                widths.add(now.getWidth());
                if (firstTexts.isEmpty()) {
                    now.getRoot().lookupAll(".label").forEach(n -> firstTexts.add(((Label) n).getText()));
                }
            }
        }));
        FxToolkit.setupApplication(BatonApp.class);

        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && stage.getScene().lookup("#palette-search") == null) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(firstTexts).as("the first scene the window showed").containsExactly("Starting Baton…");
        Node designer = stage.getScene().getRoot();
        assertThat(designer.lookup(".label")).isNotNull();
        assertThat(stage.getScene().getRoot().lookupAll(".label").stream().map(n -> ((Label) n).getText()))
                .doesNotContain("Starting Baton…");
        assertThat(widths).as(widths.toString()).hasSize(2);
        assertThat(stage.isShowing()).isTrue();
    }
}
