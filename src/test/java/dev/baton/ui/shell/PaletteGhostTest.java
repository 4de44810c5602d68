package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Dragging a palette entry shows a ghost card under the pointer, and the node lands exactly where the ghost was. */
@ExtendWith(ApplicationExtension.class)
class PaletteGhostTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1200, 760);
    }

    @BeforeEach
    void openSmallFlow(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
    }

    @ParameterizedTest(name = "snap to grid {0}")
    @ValueSource(booleans = {true, false})
    void theNodeLandsWhereTheGhostWas(boolean snap, FxRobot robot) {
        robot.interact(() -> window.canvas().snapToGrid().set(snap));
        Bounds canvas = FxPoints.onFx(() -> window.canvas().localToScreen(window.canvas().getBoundsInLocal()));
        // whole pixels: the robot's pointer can only stand on those
        Point2D drop = new Point2D(Math.floor(canvas.getMinX() + canvas.getWidth() * 0.7) + 3,
                Math.floor(canvas.getMinY()) + 117);
        assertThat(window.canvas().ghostPosition()).isEmpty();

        robot.drag("#palette-researcher", MouseButton.PRIMARY).moveTo(drop);
        WaitForAsyncUtils.waitForFxEvents();
        Optional<Position> ghost = window.canvas().ghostPosition();
        assertThat(ghost).as("a ghost follows the pointer over the canvas").isPresent();
        // the ghost's card is centred on the pointer, its corner on the grid when snapping
        Point2D local = window.canvas().screenToLocal(drop);
        Point2D world = window.canvas().view().toWorld(local.getX(), local.getY());
        double x = world.getX() - NodeGeometry.WIDTH / 2;
        double y = world.getY() - NodeGeometry.HEIGHT / 2;
        Position expected = snap ? new Position(NodeGeometry.snap(x), NodeGeometry.snap(y)) : new Position(x, y);
        assertThat(ghost.get().x()).isCloseTo(expected.x(), within(1e-6));
        assertThat(ghost.get().y()).isCloseTo(expected.y(), within(1e-6));

        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().ghostPosition()).as("the ghost goes with the drop").isEmpty();
        Flow flow = window.document().flow();
        AgentNode added = flow.nodes().get(flow.nodes().size() - 1);
        assertThat(added.name()).isEqualTo("Researcher");
        assertThat(added.position().x()).isCloseTo(ghost.get().x(), within(1e-9));
        assertThat(added.position().y()).isCloseTo(ghost.get().y(), within(1e-9));
        if (snap) {
            assertThat(added.position().x() % NodeGeometry.GRID).isZero();
            assertThat(added.position().y() % NodeGeometry.GRID).isZero();
        }
    }

    @ParameterizedTest(name = "released over the palette: {0}")
    @ValueSource(booleans = {true})
    void noGhostAndNoNodeOutsideTheCanvas(boolean ignored, FxRobot robot) {
        int before = window.document().flow().nodes().size();
        Point2D item = FxPoints.centre(robot, "#palette-writer");
        robot.drag("#palette-researcher", MouseButton.PRIMARY).moveTo(item.add(0, 60));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().ghostPosition()).isEmpty();
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().nodes()).hasSize(before);
    }
}
