package dev.baton.ui.shell;

import dev.baton.ui.document.FlowDocument;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.fx.Styles;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the canvas draws a large flow: a picture when zoomed out (no skins at all), a picture of cards while the view
 * moves, skins again once it is still; small flows always get skins.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasRenderModesTest {

    private FlowDocument document;
    private FlowCanvas canvas;

    /** 20 columns of 30 agents, each chained to two agents of the next column. */
    static Flow large() {
        List<AgentNode> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            nodes.add(AgentNode.of("a" + i, i % 7 == 0 ? NodeKind.SUPERVISOR : NodeKind.AGENT, "Agent " + i)
                    .withRole("Role " + i).withPosition((i / 30) * 260.0, (i % 30) * 120.0));
            if (i + 30 < 600) {
                edges.add(Edge.next("e" + i, "a" + i, "a" + (i + 30)));
                edges.add(Edge.next("f" + i, "a" + i, "a" + (30 * (i / 30 + 1) + (i * 7) % 30)));
            }
        }
        return new Flow("large", "Large", "", null, null, nodes, edges);
    }

    @Start
    void start(Stage stage) {
        Styles.applyTheme(false);
        document = new FlowDocument(large());
        canvas = new FlowCanvas(document);
        Scene scene = new Scene(new StackPane(canvas), 1000, 700);
        Styles.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    private void settle() {
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        // the skins of a crowded view come in batches and are then uncovered over a few frames
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                    () -> !canvas.renderMode().equals("CARDS") && !canvas.revealing());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the canvas did not settle", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void zoomedOutTheWholeFlowIsOnePictureWithoutSkins(FxRobot robot) throws Exception {
        robot.interact(canvas::zoomToFit);
        settle();
        assertThat(canvas.view().scale().get()).isLessThan(0.4);
        assertThat(canvas.renderMode()).isEqualTo("OVERVIEW");
        assertThat(canvas.skinCount()).isZero();
        // the picture shows the cards: the centre of a card is not the background colour
        WritableImage shot = snapshot(robot);
        Point2D card = canvas.view().toScreen(260 * 5 + 86, 120 * 10 + 38);
        Point2D empty = canvas.view().toScreen(260 * 5 + 86, 120 * 10 + 98);
        int cardPixel = shot.getPixelReader().getArgb((int) card.getX(), (int) card.getY());
        int gapPixel = shot.getPixelReader().getArgb((int) empty.getX(), (int) empty.getY() + 1);
        assertThat(cardPixel).isNotEqualTo(gapPixel);
        save(shot, "canvas-overview.png");
        // a click on a card in the picture still selects its node
        robot.clickOn(FxPoints.onFx(() -> canvas.localToScreen(card)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(document.selection()).containsExactly("a160");
    }

    @Test
    void thePictureTakesItsColoursFromTheTheme(FxRobot robot) {
        robot.interact(canvas::zoomToFit);
        settle();
        Point2D card = canvas.view().toScreen(260 * 5 + 86, 120 * 10 + 38);
        Point2D gap = canvas.view().toScreen(260 * 5 + 86, 120 * 10 + 99);
        WritableImage light = snapshot(robot);
        try {
            robot.interact(() -> Styles.applyTheme(true));
            settle();
            WritableImage dark = snapshot(robot);
            assertThat(argb(dark, gap)).as("background").isNotEqualTo(argb(light, gap));
            assertThat(brightness(argb(dark, gap))).isLessThan(brightness(argb(light, gap)));
            assertThat(argb(dark, card)).as("a card still stands out").isNotEqualTo(argb(dark, gap));
        } finally {
            robot.interact(() -> Styles.applyTheme(false));
        }
    }

    private static int argb(WritableImage image, Point2D at) {
        return image.getPixelReader().getArgb((int) at.getX(), (int) at.getY());
    }

    private static int brightness(int argb) {
        return (argb >> 16 & 0xff) + (argb >> 8 & 0xff) + (argb & 0xff);
    }

    @Test
    void movingOverManyCardsDrawsAPictureAndSkinsReturnWhenStill(FxRobot robot) throws Exception {
        robot.interact(() -> canvas.view().centreOn(1300, 1800, canvas.getWidth(), canvas.getHeight()));
        settle();
        assertThat(canvas.renderMode()).isEqualTo("SKINS");
        int skins = canvas.skinCount();
        assertThat(skins).isPositive().isLessThan(600 + 1140);
        assertThat(canvas.skinOf("a165")).isPresent();
        // two changes in a row: a gesture; the picture stands in for the skins (asked in the same FX turn: the
        // gesture is over once the view has been still for a moment)
        String[] mode = new String[1];
        WritableImage[] moving = new WritableImage[1];
        robot.interact(() -> {
            canvas.view().panBy(-10, 0);
            canvas.view().zoomAt(1.05, 500, 350);
            canvas.layout();
            mode[0] = canvas.renderMode();
            moving[0] = canvas.snapshot(null, null);
        });
        assertThat(mode[0]).isEqualTo("CARDS");
        save(moving[0], "canvas-moving.png");
        settle();
        assertThat(canvas.renderMode()).isEqualTo("SKINS");
        save(snapshot(robot), "canvas-still.png");
    }

    @Test
    void aSmallFlowKeepsItsSkinsWhileMoving(FxRobot robot) {
        robot.interact(() -> {
            document.replace(UiFlows.small(), null);
            canvas.view().scale().set(1);
        });
        settle();
        String[] mode = new String[1];
        robot.interact(() -> {
            canvas.view().panBy(-10, 0);
            canvas.view().panBy(-10, 0);
            canvas.layout();
            mode[0] = canvas.renderMode();
        });
        assertThat(mode[0]).isEqualTo("SKINS");
        assertThat(canvas.skinOf("writer")).isPresent();
    }

    @Test
    void edgeCurvesAreStrokedButNeverFilled(FxRobot robot) {
        settle();
        // a transparent fill still costs the software renderer the whole area under each curve
        javafx.scene.shape.Shape[] line = new javafx.scene.shape.Shape[1];
        robot.interact(() -> line[0] = (javafx.scene.shape.Shape) canvas.edgeViewOf("e0").orElseThrow()
                .lookup(".edge-line"));
        assertThat(line[0].getFill()).isNull();
        assertThat(line[0].getStroke()).isNotNull();
    }

    private WritableImage snapshot(FxRobot robot) {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = canvas.snapshot(null, null));
        return shot[0];
    }

    private static void save(WritableImage image, String name) throws Exception {
        Path dir = Path.of("target", "canvas-shots");
        Files.createDirectories(dir);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, image.getPixelReader().getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", dir.resolve(name).toFile());
    }
}
