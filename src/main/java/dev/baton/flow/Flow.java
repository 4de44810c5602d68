package dev.baton.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A multi-agent flow: nodes and the edges between them, a default model and limits. Immutable; every edit returns a
 * new flow. Node and edge order is the authored order and is kept by every edit, so that a saved file changes only
 * where the user changed something.
 *
 * @param id           stable id of the flow (survives renames)
 * @param name         shown in the title bar
 * @param description  what the flow is for
 * @param defaultModel the model of every node without an override
 * @param limits       run bounds
 * @param nodes        nodes in authored order
 * @param edges        edges in authored order
 * @param tools        workspace, http allow-list, MCP servers, tool-call bound and approvals
 */
public record Flow(String id, String name, String description, ModelRef defaultModel, Limits limits,
                   List<AgentNode> nodes, List<Edge> edges, ToolSettings tools) {

    /** A flow without tool settings. */
    public Flow(String id, String name, String description, ModelRef defaultModel, Limits limits,
                List<AgentNode> nodes, List<Edge> edges) {
        this(id, name, description, defaultModel, limits, nodes, edges, ToolSettings.NONE);
    }

    public Flow {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        defaultModel = defaultModel == null ? ModelRef.SIMULATED_DEFAULT : defaultModel;
        limits = limits == null ? Limits.DEFAULT : limits;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        tools = tools == null ? ToolSettings.NONE : tools;
    }

    /** An empty flow on the simulated model with default limits. */
    public static Flow empty(String id, String name) {
        return new Flow(id, name, "", ModelRef.SIMULATED_DEFAULT, Limits.DEFAULT, List.of(), List.of());
    }

    /** The node with this id, if any (first one when ids are duplicated). */
    public Optional<AgentNode> node(String nodeId) {
        for (AgentNode n : nodes) {
            if (n.id().equals(nodeId)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The edge with this id, if any. */
    public Optional<Edge> edge(String edgeId) {
        for (Edge e : edges) {
            if (e.id().equals(edgeId)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Nodes by id in authored order (first wins on duplicates). */
    public Map<String, AgentNode> nodesById() {
        Map<String, AgentNode> map = new LinkedHashMap<>();
        for (AgentNode n : nodes) {
            map.putIfAbsent(n.id(), n);
        }
        return map;
    }

    /** Edges leaving a node, of one kind, in authored order. */
    public List<Edge> outgoing(String nodeId, EdgeKind kind) {
        return edges.stream().filter(e -> e.kind() == kind && e.from().equals(nodeId)).toList();
    }

    /** Edges entering a node, of one kind, in authored order. */
    public List<Edge> incoming(String nodeId, EdgeKind kind) {
        return edges.stream().filter(e -> e.kind() == kind && e.to().equals(nodeId)).toList();
    }

    /** The nodes of a kind, in authored order. */
    public List<AgentNode> nodesOfKind(NodeKind kind) {
        return nodes.stream().filter(n -> n.kind() == kind).toList();
    }

    public Flow withName(String newName) {
        return new Flow(id, newName, description, defaultModel, limits, nodes, edges, tools);
    }

    public Flow withDescription(String text) {
        return new Flow(id, name, text, defaultModel, limits, nodes, edges, tools);
    }

    public Flow withDefaultModel(ModelRef model) {
        return new Flow(id, name, description, model, limits, nodes, edges, tools);
    }

    public Flow withLimits(Limits newLimits) {
        return new Flow(id, name, description, defaultModel, newLimits, nodes, edges, tools);
    }

    public Flow withNodes(List<AgentNode> newNodes) {
        return new Flow(id, name, description, defaultModel, limits, newNodes, edges, tools);
    }

    public Flow withEdges(List<Edge> newEdges) {
        return new Flow(id, name, description, defaultModel, limits, nodes, newEdges, tools);
    }

    public Flow withTools(ToolSettings settings) {
        return new Flow(id, name, description, defaultModel, limits, nodes, edges, settings);
    }

    /** Appends a node. */
    public Flow addNode(AgentNode node) {
        List<AgentNode> list = new ArrayList<>(nodes);
        list.add(node);
        return withNodes(list);
    }

    /** Inserts a node at an index (used by undo to restore the authored order). */
    public Flow insertNode(int index, AgentNode node) {
        List<AgentNode> list = new ArrayList<>(nodes);
        list.add(Math.max(0, Math.min(index, list.size())), node);
        return withNodes(list);
    }

    /** Replaces the node with the same id as {@code node}, keeping its place. */
    public Flow replaceNode(AgentNode node) {
        return updateNode(node.id(), n -> node);
    }

    /** Applies a change to the node with this id, keeping its place. */
    public Flow updateNode(String nodeId, UnaryOperator<AgentNode> change) {
        List<AgentNode> list = new ArrayList<>(nodes.size());
        for (AgentNode n : nodes) {
            list.add(n.id().equals(nodeId) ? change.apply(n) : n);
        }
        return withNodes(list);
    }

    /** Removes a node and every edge touching it. */
    public Flow removeNode(String nodeId) {
        return new Flow(id, name, description, defaultModel, limits,
                nodes.stream().filter(n -> !n.id().equals(nodeId)).toList(),
                edges.stream().filter(e -> !e.from().equals(nodeId) && !e.to().equals(nodeId)).toList(), tools);
    }

    /** Appends an edge. */
    public Flow addEdge(Edge edge) {
        List<Edge> list = new ArrayList<>(edges);
        list.add(edge);
        return withEdges(list);
    }

    /** Inserts an edge at an index. */
    public Flow insertEdge(int index, Edge edge) {
        List<Edge> list = new ArrayList<>(edges);
        list.add(Math.max(0, Math.min(index, list.size())), edge);
        return withEdges(list);
    }

    /** Replaces the edge with the same id, keeping its place. */
    public Flow replaceEdge(Edge edge) {
        return withEdges(edges.stream().map(e -> e.id().equals(edge.id()) ? edge : e).toList());
    }

    /** Removes edges matching a predicate. */
    public Flow removeEdges(Predicate<Edge> which) {
        return withEdges(edges.stream().filter(which.negate()).toList());
    }

    /** Removes the edge with this id. */
    public Flow removeEdge(String edgeId) {
        return removeEdges(e -> e.id().equals(edgeId));
    }
}
