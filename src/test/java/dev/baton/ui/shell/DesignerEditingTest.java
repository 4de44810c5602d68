package dev.baton.ui.shell;

import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import dev.baton.ui.canvas.PngExport;
import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Marquee selection, inspector edits, redo shortcuts, duplicate and PNG export on a real (headless) scene. */
@ExtendWith(ApplicationExtension.class)
class DesignerEditingTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1200, 760);
    }

    @BeforeEach
    void openSmallFlow(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
    }

    private NodeSkin skin(String id) {
        return window.canvas().skinOf(id).orElseThrow();
    }

    private static Bounds screen(Node n) {
        return FxPoints.onFx(() -> n.localToScreen(n.getBoundsInLocal()));
    }

    @Test
    void marqueeSelectsTheNodesItTouches(FxRobot robot) {
        Bounds start = screen(skin("start"));
        Bounds writer = screen(skin("writer"));
        Point2D from = new Point2D(start.getMinX() - 15, start.getMinY() - 15);
        Point2D to = new Point2D(writer.getCenterX(), writer.getMaxY() + 5);
        robot.drag(from).dropTo(to);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().selection()).containsExactlyInAnyOrder("start", "writer");
        // a click on the empty canvas clears it
        robot.clickOn(from);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().selection()).isEmpty();
    }

    @Test
    void clickingAnEdgeSelectsItAndTheInspectorEditsItsPolicy(FxRobot robot) {
        // e1 runs from start's right side (172, 38) to writer's left side (300, 38): its middle is on the curve
        Point2D local = window.canvas().view().toScreen(236, 38);
        robot.clickOn(FxPoints.onFx(() -> window.canvas().localToScreen(local)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().selection()).containsExactly("e1");
        assertThat(robot.lookup(".inspector-title").queryLabeled().getText()).isEqualTo("Next edge");
        javafx.scene.control.ComboBox<?> mode = robot.lookup(".inspector .combo-box").queryAs(
                javafx.scene.control.ComboBox.class);
        robot.interact(() -> mode.getSelectionModel().select(mode.getItems().indexOf("LAST")));
        assertThat(window.document().flow().edge("e1").orElseThrow().context().mode())
                .isEqualTo(dev.baton.flow.ContextMode.LAST);
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Edit context mode");
    }

    @Test
    void inspectorEditIsOneCommandAndRedoShortcutsWork(FxRobot robot) {
        robot.clickOn(new Point2D(screen(skin("writer")).getCenterX(), screen(skin("writer")).getCenterY()));
        WaitForAsyncUtils.waitForFxEvents();
        TextField name = robot.lookup(".inspector .text-field").queryAs(TextField.class);
        assertThat(name.getText()).isEqualTo("Writer");
        robot.doubleClickOn(name).eraseText(6).write("Copywriter").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("writer").orElseThrow().name()).isEqualTo("Copywriter");
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Edit name");
        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("writer").orElseThrow().name()).isEqualTo("Writer");
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("writer").orElseThrow().name()).isEqualTo("Copywriter");
        robot.interact(() -> window.document().commands().undo());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("writer").orElseThrow().name()).isEqualTo("Copywriter");
    }

    @Test
    void duplicateCopiesNodesWithTheirEdgesAndUndoRemovesThem(FxRobot robot) {
        String before = FlowJson.write(window.document().flow());
        robot.interact(() -> {
            window.document().select(java.util.List.of("lead", "worker"));
            window.edits().duplicate();
        });
        Flow flow = window.document().flow();
        assertThat(flow.node("lead-2")).isPresent();
        assertThat(flow.edges()).anySatisfy(e -> assertThat(e.from() + ">" + e.to()).isEqualTo("lead-2>worker-2"));
        assertThat(window.document().selection()).containsExactlyInAnyOrder("lead-2", "worker-2");
        robot.interact(() -> window.document().commands().undo());
        assertThat(FlowJson.write(window.document().flow())).isEqualTo(before);
    }

    /** Edit ▸ Undo names the gesture made: after Ctrl+D it read "Undo Paste 1 node", a paste the user never did. */
    @Test
    void undoAfterDuplicateSaysDuplicate(FxRobot robot) {
        robot.interact(() -> window.document().select(java.util.List.of("worker")));
        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("worker-2")).isPresent();
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Duplicate 1 node");

        robot.interact(() -> {
            window.document().select(java.util.List.of("lead", "worker"));
            window.edits().duplicate();
        });
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Duplicate 2 nodes");
    }

    /** Ctrl+D put the copy 40 units down and right, over the original and its neighbour; it goes into free space. */
    @Test
    void aDuplicateLandsInFreeSpaceNearTheOriginal(FxRobot robot) {
        robot.interact(() -> {
            window.document().select(java.util.List.of("worker"));
            window.edits().duplicate();
        });
        Flow flow = window.document().flow();
        dev.baton.flow.AgentNode copy = flow.node("worker-2").orElseThrow();
        dev.baton.flow.AgentNode original = flow.node("worker").orElseThrow();
        double w = dev.baton.ui.canvas.geometry.NodeGeometry.WIDTH;
        double h = dev.baton.ui.canvas.geometry.NodeGeometry.HEIGHT;
        for (dev.baton.flow.AgentNode other : flow.nodes()) {
            if (other == copy) {
                continue;
            }
            boolean overlaps = other.position().x() < copy.position().x() + w
                    && copy.position().x() < other.position().x() + w
                    && other.position().y() < copy.position().y() + h
                    && copy.position().y() < other.position().y() + h;
            assertThat(overlaps).as("the copy over " + other.id()).isFalse();
        }
        assertThat(Math.hypot(copy.position().x() - original.position().x(),
                copy.position().y() - original.position().y())).as("distance from the original").isLessThan(600);
        assertThat(window.document().selection()).containsExactly("worker-2");
    }

    @Test
    void pngExportRendersTheWholeFlowWithText(FxRobot robot) throws Exception {
        Path png = dir.resolve("flow.png");
        robot.interact(() -> {
            try {
                WritableImage image = PngExport.render(window.document().flow(),
                        window.canvas().getScene().getStylesheets());
                PngExport.write(image, png);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        BufferedImage image = ImageIO.read(png.toFile());
        Bounds content = dev.baton.ui.canvas.FlowCanvas.contentBounds(window.document().flow());
        assertThat(image.getWidth()).isEqualTo((int) Math.ceil(content.getWidth() + 80));
        // more than background and grid: the cards and their text put many distinct colours in
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(50);
        robot.release(MouseButton.PRIMARY);
    }
}
