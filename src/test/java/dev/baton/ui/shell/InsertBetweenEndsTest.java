package dev.baton.ui.shell;

import dev.baton.ui.document.TopologyTemplates;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Problem;
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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Insert ▸ a topology into a flow of only Start and Output wires the group between them (Start → its entry, its
 * exits → Output), as one undo step; a flow with more in it gets the group unwired, in free space.
 */
@ExtendWith(ApplicationExtension.class)
class InsertBetweenEndsTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private DesignerWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerStage.open(stage, dialogs, 1280, 800);
    }

    @Test
    void aChainInsertedIntoANewFlowRunsFromStartToOutput(FxRobot robot) {
        robot.interact(() -> window.files().newFlow());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Insert").clickOn(DesignerMenus.topologyName(TopologyTemplates.Kind.CHAIN));
        WaitForAsyncUtils.waitForFxEvents();

        Flow flow = window.document().flow();
        assertThat(flow.edges()).extracting(e -> e.from() + ">" + e.to())
                .contains("start>researcher", "researcher>writer", "writer>editor", "editor>output")
                .doesNotContain("start>output");
        assertThat(FlowValidator.validate(flow)).noneMatch(Problem::isError);
        assertThat(window.document().selection()).containsExactlyInAnyOrder("researcher", "writer", "editor");

        robot.interact(() -> window.document().commands().undo());
        assertThat(window.document().flow().nodes()).extracting(AgentNode::id)
                .containsExactlyInAnyOrder("start", "output");
    }

    @ParameterizedTest
    @EnumSource(TopologyTemplates.Kind.class)
    void everyKindIsWiredBetweenTheEndsWithoutOverlaps(TopologyTemplates.Kind kind) {
        Flow ends = FileActions.starter().addEdge(Edge.next("go", "start", "output"));
        TopologyTemplates.Insertion insertion = TopologyTemplates.insertBetweenEnds(ends, kind).orElseThrow();
        Flow flow = insertion.command().execute(ends);

        assertThat(flow.edge("go")).isEmpty();
        assertThat(flow.edges()).anyMatch(e -> e.from().equals("start") && insertion.nodeIds().contains(e.to()));
        assertThat(flow.edges()).anyMatch(e -> e.to().equals("output") && insertion.nodeIds().contains(e.from()));
        assertThat(FlowValidator.validate(flow)).as(kind.name()).noneMatch(Problem::isError);
        List<AgentNode> nodes = flow.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Bounds a = NodeGeometry.bounds(nodes.get(i).position().x(), nodes.get(i).position().y());
                Bounds b = NodeGeometry.bounds(nodes.get(j).position().x(), nodes.get(j).position().y());
                assertThat(a.intersects(b)).as(nodes.get(i).id() + " over " + nodes.get(j).id()).isFalse();
            }
        }
        assertThat(insertion.command().undo(flow)).isEqualTo(ends);
    }

    @Test
    void aFlowWithMoreThanItsEndsIsNotRewired() {
        Flow more = FileActions.starter().addNode(AgentNode.of("solo", NodeKind.AGENT, "Solo").withPosition(300, 300));
        assertThat(TopologyTemplates.insertBetweenEnds(more, TopologyTemplates.Kind.CHAIN)).isEmpty();
        assertThat(TopologyTemplates.insertBetweenEnds(UiFlows.small(), TopologyTemplates.Kind.CHAIN)).isEmpty();
    }
}
