package dev.baton.importer;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simple layered layout for imported flows without positions: a node's column is its distance from START along
 * work edges (breadth first, so loops do not push nodes right forever), OUTPUT in the last column, a critic under the
 * node it reviews; nodes of one column stacked in authored order.
 */
public final class LayeredLayout {

    static final double COLUMN = 280;
    static final double ROW = 140;
    static final double MARGIN = 40;

    private LayeredLayout() {
    }

    /** The flow with every node placed. */
    public static Flow apply(Flow flow) {
        Map<String, Integer> column = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        for (AgentNode n : flow.nodesOfKind(NodeKind.START)) {
            column.put(n.id(), 0);
            todo.add(n.id());
        }
        while (!todo.isEmpty()) {
            String id = todo.poll();
            for (Edge e : flow.edges()) {
                if (e.from().equals(id) && e.kind() != EdgeKind.REVIEWS && !column.containsKey(e.to())) {
                    column.put(e.to(), column.get(id) + 1);
                    todo.add(e.to());
                }
            }
        }
        int last = column.values().stream().max(Integer::compare).orElse(0);
        for (AgentNode n : flow.nodesOfKind(NodeKind.OUTPUT)) {
            column.put(n.id(), last + (column.containsKey(n.id()) ? 0 : 1));
        }
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        List<AgentNode> critics = new ArrayList<>();
        for (AgentNode n : flow.nodes()) {
            if (n.kind() == NodeKind.CRITIC) {
                critics.add(n);
                continue;
            }
            int c = column.getOrDefault(n.id(), last + 1);
            rows.computeIfAbsent(c, k -> new ArrayList<>()).add(n.id());
        }
        Map<String, double[]> at = new HashMap<>();
        rows.forEach((c, ids) -> {
            for (int i = 0; i < ids.size(); i++) {
                at.put(ids.get(i), new double[] {MARGIN + c * COLUMN, MARGIN + i * ROW});
            }
        });
        int deepest = rows.values().stream().mapToInt(List::size).max().orElse(1);
        for (int i = 0; i < critics.size(); i++) {
            AgentNode critic = critics.get(i);
            double[] reviewed = flow.outgoing(critic.id(), EdgeKind.REVIEWS).stream().findFirst()
                    .map(e -> at.get(e.to())).orElse(null);
            at.put(critic.id(), reviewed != null
                    ? new double[] {reviewed[0], MARGIN + deepest * ROW + (i % 2) * 40}
                    : new double[] {MARGIN + i * COLUMN, MARGIN + (deepest + 1) * ROW});
        }
        List<AgentNode> placed = new ArrayList<>();
        for (AgentNode n : flow.nodes()) {
            double[] p = at.get(n.id());
            placed.add(p == null ? n : n.withPosition(p[0], p[1]));
        }
        return flow.withNodes(placed);
    }
}
