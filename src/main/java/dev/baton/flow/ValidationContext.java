package dev.baton.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the rules of {@link FlowValidator} share: the flow, lookups that tolerate duplicate and dangling ids, message
 * and pointer helpers, and the collected problems, which come out ordered flow-level, then nodes, then edges.
 */
final class ValidationContext {

    private static final int FLOW = 0;
    private static final int NODE = 1;
    private static final int EDGE = 2;

    /** A problem with the place it sorts to; seq keeps the order in which the rules found it. */
    private record Entry(int section, int index, int seq, Problem problem) {
    }

    final Flow flow;
    /** First index of each node id, so that a duplicated id resolves like {@link Flow#nodesById()}. */
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    ValidationContext(Flow flow) {
        this.flow = flow;
        for (int i = 0; i < flow.nodes().size(); i++) {
            nodeIndex.putIfAbsent(flow.nodes().get(i).id(), i);
        }
    }

    // ---- lookups -------------------------------------------------------------------------------------------

    boolean exists(String nodeId) {
        return nodeIndex.containsKey(nodeId);
    }

    /** Index of the node with this id, or -1. */
    int indexOf(String nodeId) {
        Integer i = nodeIndex.get(nodeId);
        return i == null ? -1 : i;
    }

    /** The node with this id, or null. */
    AgentNode node(String nodeId) {
        int i = indexOf(nodeId);
        return i < 0 ? null : flow.nodes().get(i);
    }

    NodeKind kindOf(String nodeId) {
        AgentNode n = node(nodeId);
        return n == null ? null : n.kind();
    }

    /** True when the edge's both ends are nodes and it is no self-loop: the edges graph rules look at. */
    boolean connects(Edge e) {
        return exists(e.from()) && exists(e.to()) && !e.from().equals(e.to());
    }

    /**
     * True when the edge joins two different nodes of kinds its edge kind allows. Topology rules look only at such
     * edges, so that one wrong edge is reported once and not again as a broken swarm or delegation.
     */
    boolean wellFormed(Edge e) {
        return connects(e) && FlowValidator.allowed(e.kind(), kindOf(e.from()), kindOf(e.to()));
    }

    // ---- wording -------------------------------------------------------------------------------------------

    /** "agent 'writer' (Writer)": the kind in lower case, the id and, when there is one, the name. */
    static String describe(AgentNode n) {
        String kind = n.kind().name().toLowerCase(Locale.ROOT);
        return n.name().isBlank() ? kind + " '" + n.id() + "'" : kind + " '" + n.id() + "' (" + n.name() + ")";
    }

    /** Describes a node by id, or quotes the bare id when no node has it. */
    String describe(String nodeId) {
        AgentNode n = node(nodeId);
        return n == null ? "'" + nodeId + "'" : describe(n);
    }

    /** "'writer' (Writer)": id and name without the kind, for places where the kind is already said. */
    String named(String nodeId) {
        AgentNode n = node(nodeId);
        return n == null || n.name().isBlank() ? "'" + nodeId + "'" : "'" + nodeId + "' (" + n.name() + ")";
    }

    static String describe(Edge e) {
        return "edge '" + e.id() + "' (" + e.kind() + ")";
    }

    static String nodePointer(int index) {
        return "/nodes/" + index;
    }

    static String edgePointer(int index) {
        return "/edges/" + index;
    }

    /** Escapes one reference token of a JSON pointer (RFC 6901). */
    static String token(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    // ---- collecting ----------------------------------------------------------------------------------------

    void flowProblem(Problem p) {
        add(FLOW, 0, p);
    }

    void nodeProblem(int index, Problem p) {
        add(NODE, index, p);
    }

    void edgeProblem(int index, Problem p) {
        add(EDGE, index, p);
    }

    private void add(int section, int index, Problem p) {
        entries.add(new Entry(section, index, entries.size(), p));
    }

    /** The problems, flow-level first, then per node and per edge in authored order. */
    List<Problem> problems() {
        return entries.stream()
                .sorted(Comparator.comparingInt(Entry::section).thenComparingInt(Entry::index)
                        .thenComparingInt(Entry::seq))
                .map(Entry::problem)
                .toList();
    }
}
