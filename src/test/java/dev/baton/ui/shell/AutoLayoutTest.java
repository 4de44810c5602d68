package dev.baton.ui.shell;

import dev.baton.ui.document.AutoLayout;
import dev.baton.ui.document.TopologyTemplates;
import dev.baton.ui.document.FlowDocument;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Auto-layout never overlaps cards and keeps the topologies' shapes. */
class AutoLayoutTest {

    static List<String> samples() {
        return UiFlows.SAMPLES;
    }

    private static void assertNoOverlap(Map<String, Position> at) {
        List<Map.Entry<String, Position>> list = new ArrayList<>(at.entrySet());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                Position a = list.get(i).getValue();
                Position b = list.get(j).getValue();
                assertThat(AutoLayout.overlaps(a.x(), a.y(), b.x(), b.y()))
                        .as(list.get(i).getKey() + " vs " + list.get(j).getKey()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void samplesGetNoOverlaps(String name) {
        Flow flow = UiFlows.sample(name);
        Map<String, Position> at = AutoLayout.positions(flow);
        assertThat(at).hasSize(flow.nodes().size());
        assertNoOverlap(at);
    }

    @ParameterizedTest
    @EnumSource(TopologyTemplates.Kind.class)
    void insertedTopologiesGetNoOverlaps(TopologyTemplates.Kind kind) {
        Flow flow = TopologyTemplates.insert(UiFlows.small(), kind, new Position(0, 0)).execute(UiFlows.small());
        assertNoOverlap(AutoLayout.positions(flow));
    }

    @Test
    void supervisorAboveWorkersAndChainLeftToRight() {
        Flow flow = UiFlows.sample("supervisor-market-entry-japan.json");
        Map<String, Position> at = AutoLayout.positions(flow);
        for (Edge e : flow.edges()) {
            switch (e.kind()) {
                case DELEGATES -> assertThat(at.get(e.from()).y()).as(e.id()).isLessThan(at.get(e.to()).y());
                case NEXT -> assertThat(at.get(e.from()).x()).as(e.id()).isLessThan(at.get(e.to()).x());
                default -> { }
            }
        }
    }

    @Test
    void aRandomPileIsSeparated() {
        Random r = new Random(7);
        Flow flow = Flow.empty("pile", "Pile");
        for (int i = 0; i < 300; i++) {
            flow = flow.addNode(AgentNode.of("n" + i, NodeKind.AGENT, "N" + i).withPosition(r.nextInt(50), 0));
        }
        for (int i = 0; i < 200; i++) {
            flow = flow.addEdge(Edge.next("e" + i, "n" + r.nextInt(300), "n" + r.nextInt(300)));
        }
        assertNoOverlap(AutoLayout.positions(flow));
    }

    @Test
    void undoRestoresPositions() {
        FlowDocument doc = new FlowDocument(UiFlows.sample("swarm-customer-support.json"));
        Flow before = doc.flow();
        doc.execute(AutoLayout.command(before));
        doc.commands().undo();
        assertThat(doc.flow()).isEqualTo(before);
    }
}
