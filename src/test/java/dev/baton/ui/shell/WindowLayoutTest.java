package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.fx.Styles;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The window's arrangement at 1280×800: the bottom panel starts small, its dragged height and the minimap's
 * visibility survive a restart (kept in a temporary Baton home here), and a fit leaves no card under the minimap or
 * the simulated-model banner.
 */
@ExtendWith(ApplicationExtension.class)
class WindowLayoutTest {

    @RegisterExtension
    final TempDesigners designers = new TempDesigners();

    private static SplitPane verticalSplit(FxRobot robot, DesignerWindow window) {
        return robot.from(window.stage().getScene().getRoot()).lookup(".split-pane")
                .match(n -> ((SplitPane) n).getOrientation() == Orientation.VERTICAL).query();
    }

    @Test
    void theBottomPanelStartsSmallAndKeepsTheHeightItWasDraggedTo(FxRobot robot) throws Exception {
        DesignerWindow first = designers.open(robot, new FakeDialogs());
        DesignerStage.showSmallFlow(robot, first);
        SplitPane split = verticalSplit(robot, first);
        double start = FxPoints.onFx(() -> WindowLayout.bottomHeight(split));
        assertThat(start).isLessThanOrEqualTo(WindowLayout.SMALL_PANEL + 2);
        assertThat(FxPoints.onFx(() -> first.canvas().getHeight())).isGreaterThan(0.6 * 800);

        Node divider = robot.from(split).lookup(".split-pane-divider").match(n -> n.getParent() == split).query();
        robot.drag(FxPoints.centre(divider), MouseButton.PRIMARY).moveBy(0, -60).moveBy(0, -60)
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double dragged = FxPoints.onFx(() -> WindowLayout.bottomHeight(split));
        assertThat(dragged).isCloseTo(start + 120, within(8.0));
        assertThat(Files.readString(designers.home().resolve("settings.json"))).contains("bottomPanelHeight");

        DesignerWindow second = designers.open(robot, new FakeDialogs());
        DesignerStage.showSmallFlow(robot, second);
        assertThat(FxPoints.onFx(() -> WindowLayout.bottomHeight(verticalSplit(robot, second))))
                .isCloseTo(dragged, within(4.0));
    }

    @Test
    void theMinimapCanBeHiddenAndStaysHiddenAtTheNextLaunch(FxRobot robot) throws Exception {
        DesignerWindow first = designers.open(robot, new FakeDialogs());
        DesignerStage.showSmallFlow(robot, first);
        Node minimap = robot.from(first.stage().getScene().getRoot()).lookup(".minimap").query();
        assertThat(minimap.isVisible()).isTrue();
        robot.clickOn("View").clickOn("Minimap");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(minimap.isVisible()).isFalse();
        assertThat(Files.readString(designers.home().resolve("settings.json"))).containsPattern("\"minimap\"\\s*:\\s*false");

        DesignerWindow second = designers.open(robot, new FakeDialogs());
        DesignerStage.showSmallFlow(robot, second);
        assertThat(robot.from(second.stage().getScene().getRoot()).lookup(".minimap").query().isVisible())
                .isFalse();
    }

    /** The minimap's cards are filled, not outlined: a dense flow's tiny outlines (a Path's default black) made a black block. */
    @Test
    void theMinimapDrawsCardsWithoutOutlines(FxRobot robot) {
        DesignerWindow window = designers.open(robot, new FakeDialogs());
        DesignerStage.showSmallFlow(robot, window);
        javafx.scene.shape.Path cards = robot.from(window.stage().getScene().getRoot()).lookup(".minimap-node")
                .query();
        javafx.scene.paint.Paint stroke = FxPoints.onFx(cards::getStroke);
        assertThat(stroke == null || stroke.equals(javafx.scene.paint.Color.TRANSPARENT)).as(String.valueOf(stroke))
                .isTrue();
        assertThat(FxPoints.onFx(cards::getFill)).isNotNull().isNotEqualTo(javafx.scene.paint.Color.BLACK);
    }

    /** A wide flow's map sits in the middle of the minimap, not at its top with an empty strip under it. */
    @Test
    void theMinimapCentresAWideFlow(FxRobot robot) {
        DesignerWindow window = designers.open(robot, new FakeDialogs());
        Flow flow = Flow.empty("row", "Row");
        for (int col = 0; col < 8; col++) {
            flow = flow.addNode(AgentNode.of("n" + col, NodeKind.AGENT, "Card " + col).withPosition(col * 260.0, 0));
        }
        Flow row = flow;
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> window.document().replace(row, null));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.Region map = robot.from(window.stage().getScene().getRoot()).lookup(".minimap").query();
        javafx.scene.shape.Path cards = robot.from(map).lookup(".minimap-node").query();
        javafx.geometry.Bounds b = FxPoints.onFx(cards::getBoundsInParent);
        double height = FxPoints.onFx(map::getHeight);
        assertThat(b.getMinY()).as("space above the cards vs below them in a %.0f px map", height)
                .isCloseTo(height - b.getMaxY(), org.assertj.core.data.Offset.offset(1.5));
    }

    @Test
    void aFitLeavesEveryCardClearOfTheMinimapAndTheBanner(FxRobot robot) {
        DesignerWindow window = designers.open(robot, new FakeDialogs());
        // a block of cards with about the canvas's shape: centred, it fills the corner the minimap sits in
        Flow flow = Flow.empty("block", "Block");
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 5; col++) {
                flow = flow.addNode(AgentNode.of("n" + row + col, NodeKind.AGENT, "Card " + row + col)
                        .withPosition(col * 260.0, row * 150.0));
            }
        }
        Flow block = flow;
        robot.interact(() -> {
            window.document().replace(block, null);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node root = window.stage().getScene().getRoot();
        Node minimap = robot.from(root).lookup(".minimap").query();
        Node banner = robot.from(root).lookup("#simulated-banner").query();
        assertThat(banner.isVisible()).as("the flow runs simulated: the banner is up").isTrue();
        List<String> covered = FxPoints.onFx(() -> {
            List<String> hits = new ArrayList<>();
            var canvas = window.canvas();
            for (AgentNode n : block.nodes()) {
                Point2D a = canvas.view().toScreen(n.position().x(), n.position().y());
                Point2D b = canvas.view().toScreen(n.position().x() + NodeGeometry.WIDTH,
                        n.position().y() + NodeGeometry.HEIGHT);
                Bounds card = canvas.localToScene(new javafx.geometry.BoundingBox(a.getX(), a.getY(),
                        b.getX() - a.getX(), b.getY() - a.getY()));
                for (Node over : List.of(minimap, banner)) {
                    if (card.intersects(over.localToScene(over.getBoundsInLocal()))) {
                        hits.add(n.id() + " under " + over.getStyleClass());
                    }
                }
            }
            return hits;
        });
        assertThat(covered).isEmpty();
        assertThat(FxPoints.onFx(() -> window.canvas().view().scale().get())).isGreaterThan(0.4);
    }
}
