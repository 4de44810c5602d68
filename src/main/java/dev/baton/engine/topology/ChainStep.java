package dev.baton.engine.topology;

import dev.baton.engine.step.FlowIndex;
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
 * when one finishes (all their forward inputs arrived). Several ready at once are parallel branches. A router's route
 * not taken is a dead input: a node whose inputs are all dead is skipped, and a join runs on the live ones.
 *
 * <p>Loops: an edge is a back edge when a depth-first walk from START meets its target on the walk's stack (the
 * standard definition; the validator requires such a loop to pass a route with {@code maxVisits}). Nobody waits on a
 * back edge; taking one starts a new <em>pass</em> at its target, and every node the target reaches forward waits
 * again only for the inputs that this pass delivers (inputs from outside the loop keep what they delivered before).
 * The structure is a {@link Plan} computed once per flow; a ChainStep holds one run's state.
 */
public final class ChainStep {

    /** The chain's structure, shared by every run of one flow. */
    public static final class Plan {
        final String start;
        final String output;
        final Set<String> members = new LinkedHashSet<>();
        /** Inputs a node waits for: NEXT and ROUTE edges that are not back edges, in authored order. */
        final Map<String, List<Edge>> incoming = new HashMap<>();
        final Map<String, List<Edge>> outgoing = new HashMap<>();
        final Map<String, List<Edge>> routes = new HashMap<>();
        /** Edges whose target was on the depth-first stack from START: they start a new pass, nobody waits on them. */
        final Set<String> backEdges = new HashSet<>();
        /** Per target of a back edge, the nodes it reaches over forward edges: what a new pass there runs again. */
        final Map<String, Set<String>> passBodies = new HashMap<>();
        /**
         * Nodes whose every input is a route: alternatives, not a join. They run when any route arrives with work and
         * are skipped only when every route into them was not taken in the pass.
         */
        final Set<String> routeMerges = new HashSet<>();
        /** True when the OUTPUT node lies in some pass body: a dead OUTPUT may come alive in a later pass. */
        final boolean outputInLoop;
        final String problem;

        public Plan(Flow flow, FlowIndex index) {
            List<AgentNode> starts = flow.nodesOfKind(NodeKind.START);
            List<AgentNode> outputs = flow.nodesOfKind(NodeKind.OUTPUT);
            this.start = starts.size() == 1 ? starts.get(0).id() : null;
            this.output = outputs.size() == 1 ? outputs.get(0).id() : null;
            if (start != null) {
                walk(index);
            }
            for (String id : members) {
                List<Edge> into = new ArrayList<>();
                for (Edge e : index.incoming(id, EdgeKind.NEXT)) {
                    if (members.contains(e.from()) && !backEdges.contains(e.id())) {
                        into.add(e);
                    }
                }
                for (Edge e : index.incoming(id, EdgeKind.ROUTE)) {
                    if (members.contains(e.from()) && !backEdges.contains(e.id())) {
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
            for (String id : members) {
                for (Edge e : outs(index, id)) {
                    if (backEdges.contains(e.id())) {
                        passBodies.computeIfAbsent(e.to(), h -> Set.copyOf(forwardFrom(index, h)));
                    }
                }
            }
            this.outputInLoop = output != null && passBodies.values().stream().anyMatch(b -> b.contains(output));
            this.problem = findProblem(index);
        }

        private static List<Edge> outs(FlowIndex index, String id) {
            List<Edge> next = index.outgoing(id, EdgeKind.NEXT);
            List<Edge> route = index.outgoing(id, EdgeKind.ROUTE);
            if (route.isEmpty()) {
                return next;
            }
            List<Edge> all = new ArrayList<>(next);
            all.addAll(route);
            return all;
        }

        /** Depth-first from START, without recursion (a long chain must not overflow the stack). */
        private void walk(FlowIndex index) {
            record Frame(String node, List<Edge> edges, int[] at) { }
            Set<String> onStack = new HashSet<>();
            Deque<Frame> stack = new ArrayDeque<>();
            members.add(start);
            onStack.add(start);
            stack.push(new Frame(start, outs(index, start), new int[1]));
            while (!stack.isEmpty()) {
                Frame f = stack.peek();
                if (f.at[0] == f.edges.size()) {
                    onStack.remove(f.node);
                    stack.pop();
                    continue;
                }
                Edge e = f.edges.get(f.at[0]++);
                if (onStack.contains(e.to())) {
                    backEdges.add(e.id());
                } else if (members.add(e.to())) {
                    onStack.add(e.to());
                    stack.push(new Frame(e.to(), outs(index, e.to()), new int[1]));
                }
            }
        }

        /** The nodes {@code from} reaches over forward edges, itself included. */
        private Set<String> forwardFrom(FlowIndex index, String from) {
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(from));
            while (!todo.isEmpty()) {
                String id = todo.pop();
                if (seen.add(id)) {
                    for (Edge e : outs(index, id)) {
                        if (!backEdges.contains(e.id()) && members.contains(e.to())) {
                            todo.push(e.to());
                        }
                    }
                }
            }
            return seen;
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
    /** Per forward edge, whether it arrived with work (true) or dead (false) in its current pass; absent: awaited. */
    private final Map<String, Boolean> arrived = new HashMap<>();
    /** Per forward edge, the pass in which it was last awaited again; a delivery from an older activation is stale. */
    private final Map<String, Integer> awaitedSince = new HashMap<>();
    /** Per node, the pass of its latest activation. */
    private final Map<String, Integer> activatedIn = new HashMap<>();
    /** Per node, the inputs of its latest activation. */
    private final Map<String, List<Edge>> firedWith = new HashMap<>();
    private final Map<String, Integer> visits = new HashMap<>();
    private int pass;
    /** Activations handed out and not yet reported back: 0 means nothing can deliver anything any more. */
    private int inFlight = 1;
    private boolean outputDead;

    public ChainStep(Plan plan) {
        this.plan = plan;
        activatedIn.put(plan.start, 0);
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
        inFlight--;
        int from = activatedIn.getOrDefault(nodeId, pass);
        List<String> ready = new ArrayList<>();
        for (Edge e : plan.outgoing.getOrDefault(nodeId, List.of())) {
            if (plan.backEdges.contains(e.id())) {
                loop(e, ready);
            } else {
                deliver(e, true, from, ready);
            }
        }
        inFlight += ready.size();
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
     * Marks a router done with {@code chosen} taken. A route back starts a new pass at its target and leaves the other
     * routes undecided (the pass comes back to this router, or skips it). A forward route delivers work to its target;
     * the forward routes not taken are dead, and so is whatever waits only on them. Returns the nodes that became
     * ready.
     */
    public synchronized List<String> routed(String routerId, Edge chosen) {
        inFlight--;
        visits.merge(chosen.id(), 1, Integer::sum);
        int from = activatedIn.getOrDefault(routerId, pass);
        List<String> ready = new ArrayList<>();
        if (plan.backEdges.contains(chosen.id())) {
            loop(chosen, ready);
        } else {
            for (Edge e : plan.routes.getOrDefault(routerId, List.of())) {
                if (!plan.backEdges.contains(e.id())) {
                    deliver(e, e.id().equals(chosen.id()), from, ready);
                }
            }
        }
        inFlight += ready.size();
        return ready;
    }

    /**
     * True once the OUTPUT node was skipped and cannot come alive again: no loop leads back to it, or nothing is
     * running any more that could take a route back.
     */
    public synchronized boolean outputUnreachable() {
        return outputDead && (!plan.outputInLoop || inFlight == 0);
    }

    /** True when no activation is running or ready: nothing can deliver an input any more. */
    public synchronized boolean idle() {
        return inFlight == 0;
    }

    /** The inputs the OUTPUT node still waits for in the current pass (for the message of a run that cannot end). */
    public synchronized List<String> outputAwaits() {
        return plan.incoming.getOrDefault(plan.output, List.of()).stream()
                .filter(e -> !arrived.containsKey(e.id())).map(Edge::id).toList();
    }

    /** Takes the back edge {@code e}: a new pass begins at its target, which runs at once on the edge's sender. */
    private void loop(Edge e, List<String> ready) {
        pass++;
        String head = e.to();
        Set<String> body = plan.passBodies.getOrDefault(head, Set.of(head));
        for (String id : body) {
            if (id.equals(head)) {
                continue;
            }
            for (Edge in : plan.incoming.getOrDefault(id, List.of())) {
                if (body.contains(in.from())) {
                    arrived.remove(in.id());
                    awaitedSince.put(in.id(), pass);
                }
            }
            if (id.equals(plan.output)) {
                outputDead = false;
            }
        }
        fire(head, List.of(e), ready);
    }

    /**
     * One input of {@code e.to()} arrived, with work or dead, from an activation of pass {@code from}; fires or skips
     * the target when it was the last input of its pass.
     */
    private void deliver(Edge e, boolean live, int from, List<String> ready) {
        if (from < awaitedSince.getOrDefault(e.id(), 0) || arrived.containsKey(e.id())) {
            // sent by an activation of an earlier pass, which a route back has since started over; or said already
            return;
        }
        arrived.put(e.id(), live);
        String to = e.to();
        List<Edge> inputs = plan.incoming.getOrDefault(to, List.of());
        if (plan.routeMerges.contains(to)) {
            if (live) {
                fire(to, List.of(e), ready);
            } else if (inputs.stream().allMatch(in -> Boolean.FALSE.equals(arrived.get(in.id())))) {
                skip(to, ready);
            }
            return;
        }
        List<Edge> got = new ArrayList<>(inputs.size());
        for (Edge in : inputs) {
            Boolean state = arrived.get(in.id());
            if (state == null) {
                return;
            }
            if (state) {
                got.add(in);
            }
        }
        // in authored order, not arrival order: a join's input must not depend on which branch finished first
        if (got.isEmpty()) {
            skip(to, ready);
        } else {
            fire(to, got, ready);
        }
    }

    private void fire(String to, List<Edge> with, List<String> ready) {
        firedWith.put(to, List.copyOf(with));
        activatedIn.put(to, pass);
        if (!ready.contains(to)) {
            ready.add(to);
        }
    }

    /** No input of {@code to} carried work: it is skipped, and each of its ways out is a dead input downstream. */
    private void skip(String to, List<String> ready) {
        if (to.equals(plan.output)) {
            outputDead = true;
        }
        for (Edge next : plan.outgoing.getOrDefault(to, List.of())) {
            if (!plan.backEdges.contains(next.id())) {
                deliver(next, false, pass, ready);
            }
        }
        for (Edge route : plan.routes.getOrDefault(to, List.of())) {
            if (!plan.backEdges.contains(route.id())) {
                deliver(route, false, pass, ready);
            }
        }
    }
}
