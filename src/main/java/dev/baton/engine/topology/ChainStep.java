package dev.baton.engine.topology;

import dev.baton.engine.FlowIndex;
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
 * finishes (all their incoming NEXT sources done). Several ready at once are parallel branches. The structure is a
 * {@link Plan} computed once per flow; a ChainStep holds one run's countdowns.
 */
public final class ChainStep {

    /** The chain's structure, shared by every run of one flow. */
    public static final class Plan {
        final String start;
        final String output;
        final Set<String> members = new LinkedHashSet<>();
        final Map<String, List<Edge>> incoming = new HashMap<>();
        final Map<String, List<Edge>> outgoing = new HashMap<>();
        final String problem;

        public Plan(Flow flow, FlowIndex index) {
            List<AgentNode> starts = flow.nodesOfKind(NodeKind.START);
            List<AgentNode> outputs = flow.nodesOfKind(NodeKind.OUTPUT);
            this.start = starts.size() == 1 ? starts.get(0).id() : null;
            this.output = outputs.size() == 1 ? outputs.get(0).id() : null;
            if (start != null) {
                Deque<String> todo = new ArrayDeque<>(List.of(start));
                while (!todo.isEmpty()) {
                    String id = todo.pop();
                    if (members.add(id)) {
                        index.outgoing(id, EdgeKind.NEXT).forEach(e -> todo.push(e.to()));
                    }
                }
            }
            for (String id : members) {
                List<Edge> into = new ArrayList<>();
                for (Edge e : index.incoming(id, EdgeKind.NEXT)) {
                    if (members.contains(e.from())) {
                        into.add(e);
                    }
                }
                incoming.put(id, List.copyOf(into));
                outgoing.put(id, index.outgoing(id, EdgeKind.NEXT));
            }
            this.problem = findProblem(index);
        }

        private String findProblem(FlowIndex index) {
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
                if (index.node(id).isEmpty()) {
                    return "a NEXT edge points to '" + id + "', which is not in the flow";
                }
            }
            return null;
        }
    }

    private final Plan plan;
    private final Map<String, Integer> waitingFor = new HashMap<>();

    public ChainStep(Plan plan) {
        this.plan = plan;
        plan.incoming.forEach((id, edges) -> waitingFor.put(id, edges.size()));
    }

    /** Why the chain cannot run, or null when it can. */
    public String problem() {
        return plan.problem;
    }

    public String start() {
        return plan.start;
    }

    public String output() {
        return plan.output;
    }

    /** The NEXT edges into a node from chain members, in authored order. */
    public List<Edge> incoming(String nodeId) {
        return plan.incoming.getOrDefault(nodeId, List.of());
    }

    /** Marks a node done; returns the nodes that became ready, in edge order. */
    public synchronized List<String> completed(String nodeId) {
        List<Edge> out = plan.outgoing.getOrDefault(nodeId, List.of());
        if (out.size() == 1) {
            String to = out.get(0).to();
            Integer left = waitingFor.computeIfPresent(to, (k, v) -> v - 1);
            return left != null && left == 0 ? List.of(to) : List.of();
        }
        List<String> ready = new ArrayList<>();
        for (Edge e : out) {
            Integer left = waitingFor.computeIfPresent(e.to(), (k, v) -> v - 1);
            if (left != null && left == 0 && !ready.contains(e.to())) {
                ready.add(e.to());
            }
        }
        return ready;
    }
}
