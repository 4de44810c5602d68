package dev.baton.ui.document.command;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Removes nodes (with every edge touching them) and edges. Undo puts each element back at its authored index, so the
 * saved file is byte for byte what it was.
 */
public final class RemoveElements implements Command {

    private final Set<String> ids;
    private final List<Indexed<AgentNode>> removedNodes = new ArrayList<>();
    private final List<Indexed<Edge>> removedEdges = new ArrayList<>();

    private record Indexed<T>(int index, T element) {
    }

    /** @param ids node and edge ids to remove */
    public RemoveElements(Set<String> ids) {
        this.ids = Set.copyOf(ids);
    }

    @Override
    public Flow execute(Flow flow) {
        removedNodes.clear();
        removedEdges.clear();
        List<AgentNode> nodes = new ArrayList<>();
        for (int i = 0; i < flow.nodes().size(); i++) {
            AgentNode n = flow.nodes().get(i);
            if (ids.contains(n.id())) {
                removedNodes.add(new Indexed<>(i, n));
            } else {
                nodes.add(n);
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < flow.edges().size(); i++) {
            Edge e = flow.edges().get(i);
            if (ids.contains(e.id()) || ids.contains(e.from()) || ids.contains(e.to())) {
                removedEdges.add(new Indexed<>(i, e));
            } else {
                edges.add(e);
            }
        }
        return flow.withNodes(nodes).withEdges(edges);
    }

    @Override
    public Flow undo(Flow flow) {
        Flow result = flow;
        // ascending order: each element lands at its original index because all earlier ones are back already
        for (Indexed<AgentNode> n : removedNodes) {
            result = result.insertNode(n.index(), n.element());
        }
        for (Indexed<Edge> e : removedEdges) {
            result = result.insertEdge(e.index(), e.element());
        }
        return result;
    }

    @Override
    public String description() {
        int n = removedNodes.isEmpty() && removedEdges.isEmpty() ? ids.size() : removedNodes.size() + removedEdges.size();
        return "Delete " + (n == 1 ? "1 element" : n + " elements");
    }
}
