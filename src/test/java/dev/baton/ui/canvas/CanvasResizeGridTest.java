package dev.baton.ui.canvas;

import dev.baton.flow.Flow;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.fx.Styles;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** After the window grows, the grid covers the whole canvas at once (it stayed at the old size until a pan). */
@ExtendWith(ApplicationExtension.class)
class CanvasResizeGridTest {

    private Stage stage;
    private FlowCanvas canvas;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Styles.applyTheme(false);
        canvas = new FlowCanvas(new FlowDocument(Flow.empty("f", "F")));
        Scene scene = new Scene(new StackPane(canvas), 500, 400);
        Styles.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theGridFillsTheAreaAWindowResizeAdded(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            stage.setWidth(900);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = canvas.snapshot(null, null));
        assertThat(image[0].getWidth()).isGreaterThan(800);
        PixelReader pixels = image[0].getPixelReader();
        // a row and a column through the part of the canvas that the resize added: grid lines cross both
        Set<Integer> row = new HashSet<>();
        for (int x = 560; x < (int) image[0].getWidth() - 5; x++) {
            row.add(pixels.getArgb(x, 600));
        }
        Set<Integer> column = new HashSet<>();
        for (int y = 460; y < (int) image[0].getHeight() - 5; y++) {
            column.add(pixels.getArgb(700, y));
        }
        assertThat(row).as("colours along a row of the added area").hasSizeGreaterThan(1);
        assertThat(column).as("colours along a column of the added area").hasSizeGreaterThan(1);
    }
}
