package dev.baton.ui.shell;

import dev.baton.flow.NodeKind;
import dev.baton.engine.RunEvent;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeToolSettings;
import dev.baton.run.RunOptions;
import dev.baton.run.RunService;
import dev.baton.secret.Redactor;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.timeline.TimelineView;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunViewModel;
import dev.baton.ui.run.ToolCallRecord;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Tool chips on the cards, a call in flight and its status on its agent's card, the Run tab's console and timeline. */
@ExtendWith(ApplicationExtension.class)
class ToolsOnCanvasTest {

    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, new FakeDialogs(), 1280, 800);
    }

    private NodeSkin skin(String id) {
        return window.canvas().skinOf(id).orElseThrow();
    }

    private void show(FxRobot robot, Flow flow) {
        robot.interact(() -> {
            window.document().replace(flow, null);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.canvas().view().scale().set(1.0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Flow withTools(Flow f, String id, List<String> tools, Map<String, ApprovalPolicy> approval) {
        AgentNode n = f.node(id).orElseThrow().withTools(tools);
        return f.replaceNode(approval.isEmpty() ? n : n.withToolSettings(new NodeToolSettings(null, approval)));
    }

    @Test
    void cardsShowTheirToolsAsChipsClearOfPortsAndAskIsMarked(FxRobot robot) {
        Flow f = withTools(UiFlows.small(), "writer", List.of("write_file", "calculator"),
                Map.of("calculator", ApprovalPolicy.DENY));
        f = withTools(f, "worker", List.of("read_file", "write_file", "calculator", "http_get"), Map.of());
        f = withTools(f, "lead", List.of("read_file", "list_files", "search_files", "http_get", "current_time"),
                Map.of());
        show(robot, f);
        assertThat(FxPoints.onFx(() -> skin("writer").toolChips()))
                .containsExactly("write_file ?", "× calculator");
        assertThat(FxPoints.onFx(() -> skin("worker").toolChips())).startsWith("read_file").last().asString()
                .matches("\\+\\d+");
        List<String> lead = FxPoints.onFx(() -> skin("lead").toolChips());
        assertThat(lead.get(lead.size() - 1)).matches("\\+\\d+");
        assertThat(FxPoints.onFx(() -> skin("editor").toolChips())).isEmpty();
        for (String id : List.of("writer", "lead", "worker")) {
            NodeSkin s = skin(id);
            List<Bounds> chips = FxPoints.onFx(() -> s.lookupAll(".tool-chip").stream().filter(Node::isVisible)
                    .map(c -> s.sceneToLocal(c.localToScene(c.getBoundsInLocal()))).toList());
            assertThat(chips).isNotEmpty();
            List<Bounds> keepClear = FxPoints.onFx(() -> s.getChildrenUnmodifiable().stream()
                    .filter(c -> c.getStyleClass().stream().anyMatch(k -> k.startsWith("port")))
                    .map(Node::getBoundsInParent).toList());
            for (Bounds c : chips) {
                assertThat(c.getMinX()).as(id + " chip inside the card").isGreaterThanOrEqualTo(0);
                assertThat(c.getMaxX()).isLessThanOrEqualTo(NodeGeometry.WIDTH);
                assertThat(c.getMinY()).isGreaterThan(40);
                assertThat(c.getMaxY()).isLessThan(NodeGeometry.HEIGHT);
                for (Bounds p : keepClear) {
                    assertThat(c.intersects(p)).as(id + " chip " + c + " clear of port " + p).isFalse();
                }
            }
        }
        // zoomed out, cards turn compact: the chips go
        robot.interact(() -> window.canvas().view().scale().set(0.6));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(() -> skin("writer").lookup(".tool-chips").isVisible())).isFalse();
    }

    @Test
    void aCallInFlightShowsOnItsCardThenItsStatusThenFades(FxRobot robot) {
        show(robot, withTools(UiFlows.small(), "writer", List.of("read_file"), Map.of()));
        RunViewModel vm = FxPoints.onFx(() -> new RunViewModel(window.document().flow()));
        robot.interact(() -> window.canvas().showRun(vm, new SimpleDoubleProperty(1)));
        Instant t0 = Instant.now();
        robot.interact(() -> {
            vm.apply(new RunEvent.RunStarted("r", 1, t0, "", "", "small", "Small", "x", true, List.of("sim")));
            vm.apply(new RunEvent.AgentStarted("r", 2, t0, "writer", "", NodeKind.AGENT, "Writer", "x", 1));
            vm.apply(new RunEvent.ToolCallRequested("r", 3, t0, "writer", "", "c1", "read_file", "",
                    "{\"path\":\"notes.md\"}"));
        });
        assertThat(FxPoints.onFx(() -> skin("writer").toolCall())).isEqualTo("read_file");
        Node live = FxPoints.onFx(() -> skin("writer").lookup(".tool-live"));
        assertThat(FxPoints.onFx(() -> ((javafx.scene.control.Label) live).getGraphic()))
                .isInstanceOf(javafx.scene.control.ProgressIndicator.class);
        // over the card's top edge, left of the handoff port, clear of the run badge under the card
        Bounds b = FxPoints.onFx(() -> live.getBoundsInParent());
        assertThat(b.getMaxY()).isLessThanOrEqualTo(0);
        assertThat(b.getMaxX()).isLessThan(NodeGeometry.WIDTH - 28 - 5);
        robot.interact(() -> vm.apply(new RunEvent.ToolCallFinished("r", 4, t0.plusMillis(4), "writer", "", "c1",
                "read_file", "", false, "# notes", 4, 7, false)));
        assertThat(FxPoints.onFx(() -> skin("writer").toolCall())).isEqualTo("read_file · ok");
        assertThat(live.getStyleClass()).contains("tool-live-ok");
        long deadline = System.currentTimeMillis() + 8_000;
        while (!FxPoints.onFx(() -> skin("writer").toolCall()).isEmpty() && System.currentTimeMillis() < deadline) {
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        assertThat(FxPoints.onFx(() -> skin("writer").toolCall())).as("faded").isEmpty();
    }

    @Test
    void theRunTabShowsToolCallsInTheConsoleAndAsTimelineBarsWithTheirArgumentsAndResults(FxRobot robot,
                                                                                         @TempDir Path dir)
            throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("invoices.csv"), "invoice,amount\nINV-7,1250\n");
        Flow flow = dev.baton.ui.run.ToolCallsShownFlows.analyst();
        RunController c = FxPoints.onFx(() -> RunController.on(flow, new RunService(Redactor.shapesOnly()),
                RunOptions.DEFAULT.withSimulated(SimulatedModel.Settings.DEFAULT).withWorkspace(ws).withoutAudit(),
                javafx.application.Platform::runLater));
        DesignerStage.showRun(robot, window, flow, null, c);
        c.start("Check invoices.csv and compute 1250 * 12 + 300");
        c.finished().get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> console = FxPoints.onFx(() -> List.copyOf(window.runPanel().console().getItems()));
        assertThat(console).contains("  tool analyst -> read_file {\"path\":\"invoices.csv\"}");
        assertThat(console).anyMatch(l -> l.startsWith("  tool calculator ok (") && l.endsWith("15300"));
        TimelineView timeline = window.runPanel().timeline();
        List<ToolCallRecord> bars = FxPoints.onFx(() -> List.copyOf(c.viewModel().timeline().toolBars()));
        assertThat(bars).hasSize(2);
        robot.interact(() -> {
            timeline.getScene().getWindow();
            timeline.requestLayout();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Point2D at = FxPoints.onFx(() -> timeline.centreOf(bars.get(1)));
        String tip = FxPoints.onFx(() -> timeline.tooltipTextAt(at.getX(), at.getY()));
        assertThat(tip).startsWith("Tool read_file · Analyst").contains("ok · ")
                .contains("arguments: {\"path\":\"invoices.csv\"}").contains("result: ").contains("INV-7,1250");
        assertThat(FxPoints.onFx(() -> timeline.hitAt(at.getX(), at.getY()))).isEqualTo(bars.get(1));
        // the two calls of one reply ran side by side: two places on the lane, each hovered at its middle
        assertThat(FxPoints.onFx(() -> List.of(c.viewModel().timeline().toolSlot(bars.get(0)),
                c.viewModel().timeline().toolSlot(bars.get(1))))).containsExactly(0, 1);
        Point2D first = FxPoints.onFx(() -> timeline.centreOf(bars.get(0)));
        assertThat(first.getY()).isLessThan(at.getY());
        assertThat(FxPoints.onFx(() -> timeline.hitAt(first.getX(), first.getY()))).isEqualTo(bars.get(0));
        // the finished node's inspection lists its tool calls with arguments and results
        robot.interact(() -> window.document().select(List.of("analyst")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxPoints.onFx(() -> window.runPanel().frontView())).isEqualTo("node");
        List<String> shown = FxPoints.onFx(() -> robot.lookup("#node-inspector").lookup(".label")
                .queryAllAs(javafx.scene.control.Label.class).stream().map(javafx.scene.control.Label::getText)
                .toList());
        assertThat(shown).contains("Tool calls", "{\"path\":\"invoices.csv\"}");
        assertThat(shown).anyMatch(t -> t.startsWith("2. read_file · ok · "));
        assertThat(shown).anyMatch(t -> t.contains("INV-7,1250"));
    }
}
