package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.geometry.BoundingBox;
import javafx.scene.Node;
import javafx.scene.Parent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes the frames in which the skins come back after a pan cheap: a batch counts a card as the five CSS-styled
 * parts it is, and an edge or card that shows no label, run status or breakpoint carries no node for them.
 */
@ExtendWith(ApplicationExtension.class)
class SettleBatchTest {

    private static Flow grid(int agents) {
        List<AgentNode> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            nodes.add(AgentNode.of("a" + i, NodeKind.AGENT, "Agent " + i).withPosition((i / 8) * 260.0,
                    (i % 8) * 120.0));
            if (i >= 8) {
                edges.add(Edge.next("e" + i, "a" + (i - 8), "a" + i));
            }
        }
        return new Flow("grid", "Grid", "", null, null, nodes, edges);
    }

    @Test
    void aBatchOfFortyMakesEightCardsNotForty() {
        int made = onFx(() -> {
            Flow flow = grid(48);
            SpatialIndex index = new SpatialIndex();
            index.rebuild(flow, AgentNode::position);
            BoundingBox all = new BoundingBox(-1000, -1000, 10_000, 10_000);
            SkinLayers skins = new SkinLayers();
            boolean complete = skins.render(flow, index.nodesIn(all), index.edgesIn(all), Set.of(), Set.of(),
                    CanvasRenderer.BATCH);
            assertThat(complete).isFalse();
            return skins.nodes().size();
        });
        assertThat(made).isEqualTo(CanvasRenderer.BATCH / SkinLayers.NODE_COST);
    }

    @Test
    void plainEdgesAndCardsCarryOnlyWhatTheyShow() {
        onFx(() -> {
            EdgeSkin plain = new EdgeSkin(Edge.next("e", "a", "b"));
            assertThat(plain.getChildren()).hasSize(3); // hit area, curve, arrow
            assertThat(descendants(plain)).noneMatch(n -> n instanceof javafx.scene.control.Label);
            plain.setBreakpoint(true);
            assertThat(plain.hasBreakpoint()).isTrue();
            assertThat(plain.lookup(".edge-breakpoint-mark")).isNotNull();

            EdgeSkin labelled = new EdgeSkin(Edge.next("e2", "a", "b").withLabel("the draft"));
            assertThat(labelled.lookup(".edge-label")).isNotNull();

            NodeSkin card = new NodeSkin(AgentNode.of("a", NodeKind.AGENT, "Agent"), grid(1).defaultModel());
            assertThat(card.lookup(".run-badge")).isNull();
            assertThat(card.lookup(".breakpoint-mark")).isNull();
            card.showRun("done", "done · 12 tok");
            card.setBreakpoint(true);
            assertThat(card.runBadge()).isEqualTo("done · 12 tok");
            assertThat(card.lookup(".run-badge")).isNotNull();
            assertThat(card.lookup(".breakpoint-mark").isVisible()).isTrue();
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(work).get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Node> descendants(Parent p) {
        List<Node> out = new ArrayList<>();
        for (Node n : p.getChildrenUnmodifiable()) {
            out.add(n);
            if (n instanceof Parent q) {
                out.addAll(descendants(q));
            }
        }
        return out;
    }
}
