package dev.baton.engine.topology;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chain's bookkeeping: which nodes take part (reachable from START over NEXT) and which become ready when one
 * finishes (all their incoming NEXT sources done). Several ready at once are parallel branches.
 */
public final class ChainStep {

    private final Flow flow;
    private final String start;
    private final String output;
    private final Set<String> members = new LinkedHashSet<>();
    private final Map<String, Integer> waitingFor = new HashMap<>();

    public ChainStep(Flow flow) {
        this.flow = flow;
        List<AgentNode> starts = flow.nodesOfKind(NodeKind.START);
        List<AgentNode> outputs = flow.nodesOfKind(NodeKind.OUTPUT);
        this.start = starts.size() == 1 ? starts.get(0).id() : null;
        this.output = outputs.size() == 1 ? outputs.get(0).id() : null;
        if (start != null) {
            Deque<String> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                String id = todo.pop();
                if (members.add(id)) {
                    flow.outgoing(id, EdgeKind.NEXT).forEach(e -> todo.push(e.to()));
                }
            }
        }
        for (String id : members) {
            waitingFor.put(id, incoming(id).size());
        }
    }

    /** Why the chain cannot run, or null when it can. */
    public String problem() {
        if (start == null) {
            return "the flow needs exactly one START node";
        }
        if (output == null) {
            return "the flow needs exactly one OUTPUT node";
        }
        if (!members.contains(output)) {
            return "the OUTPUT node '" + output + "' cannot be reached from START over NEXT edges";
        }
        for (String id : members) {
            if (flow.node(id).isEmpty()) {
                return "a NEXT edge points to '" + id + "', which is not in the flow";
            }
        }
        return null;
    }

    public String start() {
        return start;
    }

    public String output() {
        return output;
    }

    /** The NEXT edges into a node from chain members, in authored order. */
    public List<Edge> incoming(String nodeId) {
        return flow.incoming(nodeId, EdgeKind.NEXT).stream().filter(e -> members.contains(e.from())).toList();
    }

    /** Marks a node done; returns the nodes that became ready, in edge order. */
    public synchronized List<String> completed(String nodeId) {
        List<String> ready = new ArrayList<>();
        for (Edge e : flow.outgoing(nodeId, EdgeKind.NEXT)) {
            Integer left = waitingFor.computeIfPresent(e.to(), (k, v) -> v - 1);
            if (left != null && left == 0 && !ready.contains(e.to())) {
                ready.add(e.to());
            }
        }
        return ready;
    }
}
