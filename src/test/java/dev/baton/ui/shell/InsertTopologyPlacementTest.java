package dev.baton.ui.shell;

import dev.baton.ui.document.TopologyTemplates;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Insert ▸ a topology goes into free space beside the existing cards, and the inserted nodes come selected. */
@ExtendWith(ApplicationExtension.class)
class InsertTopologyPlacementTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
    }

    @Test
    void theMenuInsertsAChainBesideTheCardsAndSelectsIt(FxRobot robot) {
        DesignerStage.showSmallFlow(robot, window);
        robot.interact(() -> window.canvas().zoomToFit());
        Flow before = window.document().flow();

        robot.clickOn("Insert").clickOn(DesignerMenus.topologyName(TopologyTemplates.Kind.CHAIN));
        WaitForAsyncUtils.waitForFxEvents();

        Flow after = window.document().flow();
        Set<String> added = new HashSet<>();
        after.nodes().forEach(n -> added.add(n.id()));
        before.nodes().forEach(n -> added.remove(n.id()));
        assertThat(added).hasSize(3);
        assertThat(window.document().selection()).containsExactlyInAnyOrderElementsOf(added);
        assertNoOverlap(before.nodes(), after.nodes().stream().filter(n -> added.contains(n.id())).toList());
    }

    /**
     * Insert ▸ Supervisor Team into the chain sample at fit zoom: the view showed the new group and pushed the critic
     * up under the simulated banner. When the whole flow fits at this zoom, every card stays in view, clear of the
     * banner.
     */
    @Test
    void afterAnInsertEveryCardOfAFlowThatFitsStaysInViewClearOfTheBanner(FxRobot robot) throws Exception {
        Flow chain = dev.baton.flow.io.FlowJson.read(java.nio.file.Files.readString(
                java.nio.file.Path.of("sample-flows/chain-blog-article.json"))).flow();
        robot.interact(() -> {
            window.document().replace(chain, null);
            window.showCanvas();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.canvas().zoomToFit());
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("Insert").clickOn(DesignerMenus.topologyName(TopologyTemplates.Kind.SUPERVISOR_TEAM));
        WaitForAsyncUtils.waitForFxEvents();

        javafx.geometry.Bounds view = FxPoints.onFx(() -> window.canvas()
                .localToScreen(window.canvas().getBoundsInLocal()));
        List<String> outOfView = new java.util.ArrayList<>();
        for (AgentNode n : window.document().flow().nodes()) {
            var skin = FxPoints.onFx(() -> window.canvas().skinOf(n.id()));
            if (skin.isEmpty()) {
                outOfView.add(n.id() + " (not drawn)");
                continue;
            }
            javafx.geometry.Bounds b = FxPoints.onFx(() -> skin.get().localToScreen(skin.get().getBoundsInLocal()));
            if (b.getMinX() < view.getMinX() || b.getMaxX() > view.getMaxX()
                    || b.getMinY() < view.getMinY() + 45 || b.getMaxY() > view.getMaxY()) {
                outOfView.add(n.id() + " " + b);
            }
        }
        assertThat(outOfView).as("cards cut by the view's edge or under the banner").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TopologyTemplates.Kind.class)
    void everyTemplateLandsClearOfACrowdedCentre(TopologyTemplates.Kind kind) {
        // cards exactly where the view centre would put the group
        Flow crowded = UiFlows.small();
        for (int i = 0; i < 6; i++) {
            crowded = crowded.addNode(AgentNode.of("block-" + i, dev.baton.flow.NodeKind.AGENT, "Block " + i)
                    .withPosition(i * 200, 100));
        }
        Flow flow = crowded;
        TopologyTemplates.Insertion insertion = TopologyTemplates.insertInFreeSpace(flow, kind,
                new dev.baton.flow.Position(100, 100));
        Flow after = insertion.command().execute(flow);

        assertNoOverlap(flow.nodes(), after.nodes().stream().filter(n -> insertion.nodeIds().contains(n.id()))
                .toList());
        assertThat(insertion.nodeIds()).isNotEmpty().allMatch(id -> flow.node(id).isEmpty());
    }

    private static void assertNoOverlap(List<AgentNode> existing, List<AgentNode> inserted) {
        for (AgentNode a : inserted) {
            Bounds ba = NodeGeometry.bounds(a.position().x(), a.position().y());
            for (AgentNode b : existing) {
                assertThat(ba.intersects(NodeGeometry.bounds(b.position().x(), b.position().y())))
                        .as(a.id() + " over " + b.id()).isFalse();
            }
        }
    }
}
