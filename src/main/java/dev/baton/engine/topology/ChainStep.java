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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chain's bookkeeping: which nodes take part (reachable from START over NEXT and ROUTE) and which become ready
 * when one finishes (all their incoming NEXT sources done). Several ready at once are parallel branches. A router's
 * route not taken is a dead input: a node whose inputs are all dead is skipped, and a join runs on the live ones. The structure is a
 * {@link Plan} computed once per flow; a ChainStep holds one run's countdowns.
 */
public final class ChainStep {

    /** The chain's structure, shared by every run of one flow. */
    public static final class Plan {
        final String start;
        final String output;
        final Set<String> members = new LinkedHashSet<>();
        /** Inputs a node waits for: NEXT edges and ROUTE edges that do not lead back. */
        final Map<String, List<Edge>> incoming = new HashMap<>();
        final Map<String, List<Edge>> outgoing = new HashMap<>();
        final Map<String, List<Edge>> routes = new HashMap<>();
        /** ROUTE edges that lead back to a node that can reach their router: they re-run it, nobody waits on them. */
        final Set<String> backRoutes = new HashSet<>();
        /**
         * Nodes whose every input is a route: alternatives, not a join. They run when any route arrives with work and
         * are skipped only when every route into them was not taken (a router inside a loop decides its routes only
         * when the loop reaches it, so waiting for all of them could wait forever).
         */
        final Set<String> routeMerges = new HashSet<>();
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
                        index.outgoing(id, EdgeKind.ROUTE).forEach(e -> todo.push(e.to()));
                    }
                }
            }
            for (String id : members) {
                for (Edge e : index.outgoing(id, EdgeKind.ROUTE)) {
                    if (reaches(index, e.to(), id)) {
                        backRoutes.add(e.id());
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
                for (Edge e : index.incoming(id, EdgeKind.ROUTE)) {
                    if (members.contains(e.from()) && !backRoutes.contains(e.id())) {
                        into.add(e);
                    }
                }
                incoming.put(id, List.copyOf(into));
                if (!into.isEmpty() && into.stream().allMatch(e -> e.kind() == EdgeKind.ROUTE)) {
                    routeMerges.add(id);
                }
                outgoing.put(id, index.outgoing(id, EdgeKind.NEXT));
                routes.put(id, index.outgoing(id, EdgeKind.ROUTE));
            }
            this.problem = findProblem(index);
        }

        /** True when {@code to} can be reached from {@code from} over NEXT and ROUTE edges. */
        private static boolean reaches(FlowIndex index, String from, String to) {
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(from));
            while (!todo.isEmpty()) {
                String id = todo.pop();
                if (id.equals(to)) {
                    return true;
                }
                if (seen.add(id)) {
                    index.outgoing(id, EdgeKind.NEXT).forEach(e -> todo.push(e.to()));
                    index.outgoing(id, EdgeKind.ROUTE).forEach(e -> todo.push(e.to()));
                }
            }
            return false;
        }

        private String findProblem(FlowIndex index) {
            if (start == null) {
                return "the flow needs exactly one START node";
            }
            if (output == null) {
                return "the flow needs exactly one OUTPUT node";
            }
            if (!members.contains(output)) {
                return "the OUTPUT node '" + output + "' cannot be reached from START over NEXT or ROUTE edges";
            }
            for (String id : members) {
                if (index.node(id).isEmpty()) {
                    return "an edge points to '" + id + "', which is not in the flow";
                }
            }
            return null;
        }
    }

    private final Plan plan;
    private final Map<String, Integer> waitingFor = new HashMap<>();
    /** Per node, the inputs that arrived with work in the current wave (the others were routes not taken). */
    private final Map<String, List<Edge>> arrived = new HashMap<>();
    /** Per node, the inputs of its latest activation. */
    private final Map<String, List<Edge>> firedWith = new HashMap<>();
    private final Map<String, Integer> visits = new HashMap<>();
    /** Per route merge, how many of its routes were not taken since it last ran. */
    private final Map<String, Integer> deadRoutes = new HashMap<>();
    private boolean outputDead;

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

    /** The edges whose senders' outputs make up the node's input now (routes not taken left out). */
    public synchronized List<Edge> incoming(String nodeId) {
        List<Edge> fired = firedWith.get(nodeId);
        return fired != null ? fired : plan.incoming.getOrDefault(nodeId, List.of());
    }

    /** Marks a node done; returns the nodes that became ready, in edge order. */
    public synchronized List<String> completed(String nodeId) {
        List<String> ready = new ArrayList<>();
        for (Edge e : plan.outgoing.getOrDefault(nodeId, List.of())) {
            deliver(e, true, ready);
        }
        return ready;
    }

    /** The router's routes that may still be taken (a route with maxVisits counts its visits in this run). */
    public synchronized List<Edge> routesLeft(String routerId) {
        List<Edge> left = new ArrayList<>();
        for (Edge e : plan.routes.getOrDefault(routerId, List.of())) {
            Integer max = e.route() == null ? null : e.route().maxVisits();
            if (max == null || visits.getOrDefault(e.id(), 0) < max) {
                left.add(e);
            }
        }
        return left;
    }

    /**
     * Marks a router done with {@code chosen} taken: its target becomes ready (at once for a route back), the routes
     * not taken are dead, and so is whatever waits only on them. Returns the nodes that became ready.
     */
    public synchronized List<String> routed(String routerId, Edge chosen) {
        visits.merge(chosen.id(), 1, Integer::sum);
        List<String> ready = new ArrayList<>();
        if (plan.backRoutes.contains(chosen.id())) {
            // the loop comes back to this router, which decides again: no route is dead yet
            firedWith.put(chosen.to(), List.of(chosen));
            ready.add(chosen.to());
            return ready;
        }
        for (Edge e : plan.routes.getOrDefault(routerId, List.of())) {
            boolean back = plan.backRoutes.contains(e.id());
            if (e.id().equals(chosen.id())) {
                if (back) {
                    firedWith.put(e.to(), List.of(e));
                    ready.add(e.to());
                } else {
                    deliver(e, true, ready);
                }
            } else if (!back) {
                deliver(e, false, ready);
            }
        }
        return ready;
    }

    /** True once every way into the OUTPUT node was a route not taken: the run cannot answer. */
    public synchronized boolean outputUnreachable() {
        return outputDead;
    }

    /** One input of {@code e.to()} arrived, with work or dead; fires or skips the target when it was the last. */
    private void deliver(Edge e, boolean live, List<String> ready) {
        String to = e.to();
        if (plan.routeMerges.contains(to)) {
            if (live) {
                deadRoutes.remove(to);
                firedWith.put(to, List.of(e));
                if (!ready.contains(to)) {
                    ready.add(to);
                }
            } else if (deadRoutes.merge(to, 1, Integer::sum) >= plan.incoming.get(to).size()) {
                deadRoutes.remove(to);
                skip(to, ready);
            }
            return;
        }
        Integer left = waitingFor.computeIfPresent(to, (k, v) -> v - 1);
        if (live) {
            arrived.computeIfAbsent(to, k -> new ArrayList<>()).add(e);
        }
        if (left == null || left != 0) {
            return;
        }
        // re-arm, so that a node inside a bounded loop can run again when its inputs come round again
        waitingFor.put(to, plan.incoming.getOrDefault(to, List.of()).size());
        List<Edge> got = arrived.remove(to);
        if (got != null && !got.isEmpty()) {
            // in authored order, not arrival order: a join's input must not depend on which branch finished first
            firedWith.put(to, plan.incoming.getOrDefault(to, List.of()).stream().filter(got::contains).toList());
            if (!ready.contains(to)) {
                ready.add(to);
            }
            return;
        }
        skip(to, ready);
    }

    /** No input of {@code to} carried work: it is skipped, and each of its ways out is a dead input downstream. */
    private void skip(String to, List<String> ready) {
        if (to.equals(plan.output)) {
            outputDead = true;
        }
        for (Edge next : plan.outgoing.getOrDefault(to, List.of())) {
            deliver(next, false, ready);
        }
        for (Edge route : plan.routes.getOrDefault(to, List.of())) {
            if (!plan.backRoutes.contains(route.id())) {
                deliver(route, false, ready);
            }
        }
    }
}
