package dev.baton.ui.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where a run should stop: node ids (before the node starts) and HANDOFF edge ids. Safe from any thread. */
public final class Breakpoints {

    private final Set<String> nodes = ConcurrentHashMap.newKeySet();
    private final Set<String> handoffs = ConcurrentHashMap.newKeySet();

    /** Stops before {@code nodeId} starts (each activation: swarm turns and critic retries too). */
    public Breakpoints onNode(String nodeId) {
        nodes.add(nodeId);
        return this;
    }

    /** Stops before control passes along the HANDOFF edge {@code edgeId}. */
    public Breakpoints onHandoff(String edgeId) {
        handoffs.add(edgeId);
        return this;
    }

    public void removeNode(String nodeId) {
        nodes.remove(nodeId);
    }

    public void removeHandoff(String edgeId) {
        handoffs.remove(edgeId);
    }

    public void clear() {
        nodes.clear();
        handoffs.clear();
    }

    public boolean hasNode(String nodeId) {
        return nodes.contains(nodeId);
    }

    public boolean hasHandoff(String edgeId) {
        return handoffs.contains(edgeId);
    }

    public Set<String> nodeIds() {
        return Set.copyOf(nodes);
    }

    public Set<String> handoffIds() {
        return Set.copyOf(handoffs);
    }
}
