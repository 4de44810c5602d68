package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The spatial index answers exactly what a scan of every element would, in flow order, for any region. */
class CanvasSpatialIndexTest {

    private static Flow scattered() {
        Random r = new Random(7);
        Flow flow = Flow.empty("f", "F");
        for (int i = 0; i < 300; i++) {
            flow = flow.addNode(AgentNode.of("n" + i, NodeKind.AGENT, "N" + i)
                    .withPosition(r.nextDouble() * 6000 - 3000, r.nextDouble() * 4000 - 2000));
        }
        for (int i = 0; i < 500; i++) {
            flow = flow.addEdge(Edge.next("e" + i, "n" + r.nextInt(300), "n" + r.nextInt(300)));
        }
        return flow;
    }

    @Test
    void queriesMatchAFullScanInFlowOrder() {
        Flow flow = scattered();
        SpatialIndex index = new SpatialIndex();
        index.rebuild(flow, AgentNode::position);
        Random r = new Random(11);
        for (int q = 0; q < 200; q++) {
            double w = 50 + r.nextDouble() * 3000;
            double h = 50 + r.nextDouble() * 2000;
            Bounds region = new BoundingBox(r.nextDouble() * 8000 - 4000, r.nextDouble() * 6000 - 3000, w, h);
            List<String> expected = new ArrayList<>();
            for (AgentNode n : flow.nodes()) {
                if (region.intersects(n.position().x(), n.position().y(), NodeGeometry.WIDTH, NodeGeometry.HEIGHT)) {
                    expected.add(n.id());
                }
            }
            assertThat(index.nodesIn(region).stream().map(p -> p.node().id()).toList()).isEqualTo(expected);
            // every edge whose two cards are inside the region is found (a curve may reach further, never less)
            List<String> edges = index.edgesIn(region).stream().map(p -> p.edge().id()).toList();
            Map<String, AgentNode> byId = flow.nodesById();
            for (Edge e : flow.edges()) {
                Position a = byId.get(e.from()).position();
                Position b = byId.get(e.to()).position();
                if (region.contains(a.x(), a.y()) && region.contains(b.x(), b.y())) {
                    assertThat(edges).contains(e.id());
                }
            }
            assertThat(edges).isSortedAccordingTo((x, y) -> Integer.compare(num(x), num(y)));
        }
    }

    @Test
    void aDragPreviewMovesNodesInTheIndex() {
        Flow flow = Flow.empty("f", "F").addNode(AgentNode.of("a", NodeKind.AGENT, "A").withPosition(0, 0));
        SpatialIndex index = new SpatialIndex();
        Map<String, Position> preview = Map.of("a", new Position(5000, 5000));
        index.rebuild(flow, n -> CanvasRenderer.positionOf(n, preview));
        assertThat(index.nodesIn(new BoundingBox(0, 0, 100, 100))).isEmpty();
        assertThat(index.nodesIn(new BoundingBox(5100, 5050, 10, 10))).hasSize(1);
    }

    private static int num(String id) {
        return Integer.parseInt(id.substring(1));
    }
}
