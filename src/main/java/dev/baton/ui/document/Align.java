package dev.baton.ui.document;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.document.command.MoveNodes;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Align and distribute the selected nodes; each is one move command. */
public final class Align {

    /** The arrangements offered in the Edit menu. */
    public enum How { LEFT, TOP, CENTRE_HORIZONTALLY, DISTRIBUTE_HORIZONTALLY, DISTRIBUTE_VERTICALLY }

    private Align() {
    }

    /** The move for these nodes, or empty when fewer than two (three for distribute) are given or nothing moves. */
    public static Optional<MoveNodes> command(Flow flow, List<String> ids, How how) {
        List<AgentNode> nodes = ids.stream().map(flow::node).flatMap(Optional::stream).toList();
        int needed = how == How.DISTRIBUTE_HORIZONTALLY || how == How.DISTRIBUTE_VERTICALLY ? 3 : 2;
        if (nodes.size() < needed) {
            return Optional.empty();
        }
        Map<String, Position> before = new HashMap<>();
        Map<String, Position> after = new HashMap<>();
        nodes.forEach(n -> before.put(n.id(), n.position()));
        switch (how) {
            case LEFT -> {
                double x = nodes.stream().mapToDouble(n -> n.position().x()).min().orElse(0);
                nodes.forEach(n -> after.put(n.id(), new Position(x, n.position().y())));
            }
            case TOP -> {
                double y = nodes.stream().mapToDouble(n -> n.position().y()).min().orElse(0);
                nodes.forEach(n -> after.put(n.id(), new Position(n.position().x(), y)));
            }
            case CENTRE_HORIZONTALLY -> {
                double y = nodes.stream().mapToDouble(n -> n.position().y()).average().orElse(0);
                nodes.forEach(n -> after.put(n.id(), new Position(n.position().x(), NodeGeometry.snap(y))));
            }
            case DISTRIBUTE_HORIZONTALLY -> spread(nodes, after, true);
            case DISTRIBUTE_VERTICALLY -> spread(nodes, after, false);
        }
        return after.equals(before) ? Optional.empty() : Optional.of(new MoveNodes(before, after));
    }

    private static void spread(List<AgentNode> nodes, Map<String, Position> after, boolean horizontal) {
        List<AgentNode> sorted = nodes.stream().sorted(Comparator.comparingDouble(
                n -> horizontal ? n.position().x() : n.position().y())).toList();
        double first = horizontal ? sorted.get(0).position().x() : sorted.get(0).position().y();
        AgentNode lastNode = sorted.get(sorted.size() - 1);
        double last = horizontal ? lastNode.position().x() : lastNode.position().y();
        double step = (last - first) / (sorted.size() - 1);
        for (int i = 0; i < sorted.size(); i++) {
            AgentNode n = sorted.get(i);
            double v = first + step * i;
            after.put(n.id(), horizontal ? new Position(v, n.position().y()) : new Position(n.position().x(), v));
        }
    }
}
