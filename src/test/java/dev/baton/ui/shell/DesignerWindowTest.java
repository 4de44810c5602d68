package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowJson;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.canvas.skins.PortView;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
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

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Real gestures on a real scene (headless Monocle): palette drops, connections, moves, undo, a corrupt file. */
@ExtendWith(ApplicationExtension.class)
class DesignerWindowTest {

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
        return window.canvas().skinOf(id).orElseThrow(() -> new AssertionError("no skin for " + id));
    }

    private static Point2D centre(Node n) {
        return FxPoints.centre(n);
    }

    private PortView port(String nodeId, EdgeKind kind) {
        return skin(nodeId).ports().stream().filter(p -> p.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void draggingFromThePaletteCreatesANodeWhereItIsDropped(FxRobot robot) {
        int before = window.document().flow().nodes().size();
        Bounds canvas = FxPoints.onFx(() -> window.canvas().localToScreen(window.canvas().getBoundsInLocal()));
        Point2D drop = new Point2D(canvas.getMinX() + canvas.getWidth() * 0.75, canvas.getMinY() + 120);
        robot.drag("#palette-researcher").dropTo(drop);
        WaitForAsyncUtils.waitForFxEvents();
        Flow flow = window.document().flow();
        assertThat(flow.nodes()).hasSize(before + 1);
        AgentNode added = flow.nodes().get(flow.nodes().size() - 1);
        assertThat(added.name()).isEqualTo("Researcher");
        assertThat(added.id()).isEqualTo("researcher");
        // the card is centred on the drop point (within the grid snap)
        Point2D local = window.canvas().screenToLocal(drop);
        Point2D world = window.canvas().view().toWorld(local.getX(), local.getY());
        assertThat(Math.abs(added.position().x() + NodeGeometry.WIDTH / 2 - world.getX())).isLessThan(25);
        assertThat(Math.abs(added.position().y() + NodeGeometry.HEIGHT / 2 - world.getY())).isLessThan(25);
        assertThat(window.document().selection()).containsExactly("researcher");
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Add Researcher");
    }

    @Test
    void connectingFromAPortCreatesTheEdgeKindOfThePort(FxRobot robot) {
        robot.drag(centre(port("writer", EdgeKind.HANDOFF))).dropTo(centre(skin("editor")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().edges()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EdgeKind.HANDOFF);
            assertThat(e.from()).isEqualTo("writer");
            assertThat(e.to()).isEqualTo("editor");
        });
        robot.drag(centre(port("lead", EdgeKind.DELEGATES))).dropTo(centre(skin("editor")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().edges()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EdgeKind.DELEGATES);
            assertThat(e.from()).isEqualTo("lead");
        });
    }

    @Test
    void anIllegalConnectionIsRefusedWhileDraggingWithTheReason(FxRobot robot) {
        Flow before = window.document().flow();
        robot.drag(centre(port("writer", EdgeKind.NEXT))).moveTo(centre(skin("worker")));
        WaitForAsyncUtils.waitForFxEvents();
        Label reason = robot.lookup(".refusal-label").queryAs(Label.class);
        assertThat(reason.isVisible()).isTrue();
        assertThat(reason.getText()).startsWith("Cannot connect:").contains("worker");
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow()).isEqualTo(before);
        assertThat(window.canvas().lastRefusal().get()).isNotEmpty();
    }

    @Test
    void oneDragIsOneUndoStepAndUndoRestoresTheModel(FxRobot robot) {
        String before = FlowJson.write(window.document().flow());
        Point2D from = centre(skin("editor"));
        robot.drag(from).moveBy(40, 30).moveBy(60, 30).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("editor").orElseThrow().position())
                .isNotEqualTo(UiFlows.small().node("editor").orElseThrow().position());
        assertThat(window.document().commands().undoLabel().get()).isEqualTo("Undo Move node");
        robot.interact(() -> window.document().commands().undo());
        assertThat(FlowJson.write(window.document().flow())).isEqualTo(before);
        assertThat(window.document().commands().canUndo().get()).isFalse();
    }

    @Test
    void aClickSelectsWithoutMoving(FxRobot robot) {
        robot.interact(() -> window.document().replace(UiFlows.small().updateNode("editor",
                n -> n.withPosition(303, 207)), null));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(centre(skin("editor")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().selection()).containsExactly("editor");
        assertThat(window.document().commands().canUndo().get()).isFalse();
        assertThat(window.document().flow().node("editor").orElseThrow().position().x()).isEqualTo(303);
    }

    @Test
    void deleteKeyAndUndoThroughTheKeyboard(FxRobot robot) {
        String before = FlowJson.write(window.document().flow());
        robot.clickOn(centre(skin("writer")));
        robot.type(javafx.scene.input.KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().flow().node("writer")).isEmpty();
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FlowJson.write(window.document().flow())).isEqualTo(before);
    }

    @Test
    void aCorruptFileShowsTheErrorAndKeepsTheCurrentFlow(FxRobot robot) throws Exception {
        Flow current = window.document().flow();
        Path bad = dir.resolve("corrupt.json");
        Files.writeString(bad, "{ \"format\": \"baton.flow/1\", \"id\": ");
        dialogs.filesToOpen.add(bad);
        robot.clickOn("File").clickOn("Open…");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).singleElement().asString().contains("corrupt.json");
        assertThat(window.document().flow()).isSameAs(current);
    }

    @Test
    void problemsMarkTheNodeInvalidAndTheStatusBarCountsThem(FxRobot robot) {
        // the unconnected editor is unreachable: an error on that node
        assertThat(skin("editor").getPseudoClassStates()).extracting(Object::toString).contains("invalid");
        assertThat(skin("writer").getPseudoClassStates()).extracting(Object::toString).doesNotContain("invalid");
        Label status = robot.lookup("#validation-status").queryAs(Label.class);
        assertThat(status.getText()).isEqualTo(window.document().validationSummary()).contains("error");
        robot.interact(() -> window.document().execute(new dev.baton.ui.document.command.AddNode(
                AgentNode.of("x", NodeKind.AGENT, "X").withPosition(900, 300))));
        assertThat(window.document().flow().nodes()).hasSize(UiFlows.small().nodes().size() + 1);
        assertThat(status.getText()).isEqualTo(window.document().validationSummary());
    }
}
