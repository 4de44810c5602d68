package dev.baton.engine.step;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lookups a run makes at every step (node by id, edges in and out by kind), computed once per run so that a step
 * costs no scan of the whole flow.
 */
public final class FlowIndex {

    private final Map<String, AgentNode> nodes;
    private final Map<EdgeKind, Map<String, List<Edge>>> out = new EnumMap<>(EdgeKind.class);
    private final Map<EdgeKind, Map<String, List<Edge>>> in = new EnumMap<>(EdgeKind.class);
    private final Set<String> swarmMembers = new HashSet<>();
    private final Map<String, String> plainPrompts = new java.util.concurrent.ConcurrentHashMap<>();

    public FlowIndex(Flow flow) {
        this.nodes = flow.nodesById();
        for (EdgeKind k : EdgeKind.values()) {
            out.put(k, new HashMap<>());
            in.put(k, new HashMap<>());
        }
        for (Edge e : flow.edges()) {
            out.get(e.kind()).computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            in.get(e.kind()).computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            if (e.kind() == EdgeKind.HANDOFF) {
                swarmMembers.add(e.from());
                swarmMembers.add(e.to());
            }
        }
    }

    public Optional<AgentNode> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** Edges of a kind leaving a node, in authored order. */
    public List<Edge> outgoing(String nodeId, EdgeKind kind) {
        return out.get(kind).getOrDefault(nodeId, List.of());
    }

    /** Edges of a kind entering a node, in authored order. */
    public List<Edge> incoming(String nodeId, EdgeKind kind) {
        return in.get(kind).getOrDefault(nodeId, List.of());
    }

    /** The system prompt of a plain agent (no topology extra), built once per flow. */
    public String plainPrompt(AgentNode node) {
        return plainPrompts.computeIfAbsent(node.id(), id -> Prompts.system(node, ""));
    }

    /** True when the node has a HANDOFF edge in or out. */
    public boolean isSwarmMember(String nodeId) {
        return swarmMembers.contains(nodeId);
    }
}
