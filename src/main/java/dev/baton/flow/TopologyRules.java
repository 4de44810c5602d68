package dev.baton.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rules of {@link FlowValidator} about the shapes the engine builds from the graph: supervisors and their
 * workers, the NEXT chain (no cycles), swarms (one entry, bounded handoff cycles) and reachability from START.
 * Edges with a missing end or a self-loop are left out here; the structural rules already report them.
 */
final class TopologyRules {

    private TopologyRules() {
    }

    static void check(ValidationContext ctx) {
        checkWorkers(ctx);
        checkSupervisors(ctx);
        checkNextCycles(ctx);
        checkSwarms(ctx);
        checkReachability(ctx);
    }

    // ---- supervisors and workers ---------------------------------------------------------------------------

    private static void checkWorkers(ValidationContext ctx) {
        List<Edge> edges = ctx.flow.edges();
        Map<String, Integer> supervisorEdge = new HashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (e.kind() != EdgeKind.DELEGATES || !ctx.wellFormed(e)) {
                continue;
            }
            Integer first = supervisorEdge.putIfAbsent(e.to(), i);
            if (first != null && !edges.get(first).from().equals(e.from())) {
                Edge earlier = edges.get(first);
                ctx.edgeProblem(i, Problem.error("worker-multiple-supervisors", e.id(), ValidationContext.edgePointer(i),
                        ValidationContext.describe(e) + ": worker " + ctx.named(e.to())
                                + " already reports to supervisor " + ctx.named(earlier.from()) + " over edge '"
                                + earlier.id() + "'; a worker answers to one supervisor"));
            }
        }
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (e.kind() != EdgeKind.NEXT && e.kind() != EdgeKind.HANDOFF || !ctx.wellFormed(e)) {
                continue;
            }
            boolean fromWorker = supervisorEdge.containsKey(e.from());
            String worker = fromWorker ? e.from() : e.to();
            Integer delegation = supervisorEdge.get(worker);
            if (delegation == null) {
                continue;
            }
            Edge d = edges.get(delegation);
            ctx.edgeProblem(i, Problem.error("worker-with-chain-edge", e.id(),
                    ValidationContext.edgePointer(i) + (fromWorker ? "/from" : "/to"),
                    ValidationContext.describe(e) + ": " + ctx.named(worker) + " is a worker of supervisor "
                            + ctx.named(d.from()) + " over edge '" + d.id() + "'; a worker answers only to its"
                            + " supervisor and has no " + e.kind() + " edges, remove this edge or the delegation"));
        }
    }

    private static void checkSupervisors(ValidationContext ctx) {
        List<AgentNode> nodes = ctx.flow.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            AgentNode n = nodes.get(i);
            if (n.kind() == NodeKind.SUPERVISOR && ctx.flow.outgoing(n.id(), EdgeKind.DELEGATES).isEmpty()) {
                ctx.nodeProblem(i, Problem.warning("supervisor-without-workers", n.id(),
                        ValidationContext.nodePointer(i), ValidationContext.describe(n)
                                + " has no workers; connect it with DELEGATES edges to the agents it directs"));
            }
        }
    }

    // ---- the NEXT chain ------------------------------------------------------------------------------------

    private static void checkNextCycles(ValidationContext ctx) {
        for (List<Integer> cycle : graphOf(ctx, false, EdgeKind.NEXT).cycles()) {
            AgentNode first = ctx.flow.nodes().get(cycle.get(0));
            ctx.nodeProblem(cycle.get(0), Problem.error("next-cycle", first.id(),
                    ValidationContext.nodePointer(cycle.get(0)),
                    "NEXT edges form a cycle: " + path(ctx, cycle) + "; a chain must not loop (for retries use a"
                            + " critic's REVIEWS edge, for back-and-forth a swarm's HANDOFF edges)"));
        }
    }

    /** The graph of the well-formed edges of these kinds, or of every edge between two nodes when lenient. */
    private static NodeGraph graphOf(ValidationContext ctx, boolean lenient, EdgeKind... kinds) {
        NodeGraph graph = new NodeGraph(ctx.flow.nodes().size());
        List<EdgeKind> wanted = List.of(kinds);
        for (Edge e : ctx.flow.edges()) {
            if (wanted.contains(e.kind()) && (lenient ? ctx.connects(e) : ctx.wellFormed(e))) {
                graph.add(ctx.indexOf(e.from()), ctx.indexOf(e.to()));
            }
        }
        return graph;
    }

    /** "'a' (A) -> 'b' (B) -> 'a' (A)". */
    private static String path(ValidationContext ctx, List<Integer> cycle) {
        List<String> names = new ArrayList<>();
        for (int i : cycle) {
            names.add(ctx.named(ctx.flow.nodes().get(i).id()));
        }
        names.add(names.get(0));
        return String.join(" -> ", names);
    }

    // ---- swarms --------------------------------------------------------------------------------------------

    private static void checkSwarms(ValidationContext ctx) {
        List<AgentNode> nodes = ctx.flow.nodes();
        List<Edge> edges = ctx.flow.edges();
        int[] group = new int[nodes.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = i;
        }
        boolean[] member = new boolean[nodes.size()];
        for (Edge e : edges) {
            if (e.kind() == EdgeKind.HANDOFF && ctx.wellFormed(e)) {
                int a = ctx.indexOf(e.from());
                int b = ctx.indexOf(e.to());
                member[a] = member[b] = true;
                group[root(group, a)] = root(group, b);
            }
        }
        // swarms keyed by their first member in authored order, members in authored order
        Map<Integer, List<Integer>> swarms = new LinkedHashMap<>();
        Map<Integer, Integer> keyOfRoot = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (member[i]) {
                int key = keyOfRoot.computeIfAbsent(root(group, i), r -> swarms.size());
                swarms.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> swarm : swarms.values()) {
            checkSwarm(ctx, swarm);
        }
        if (ctx.flow.limits().maxHandoffs() == null) {
            for (List<Integer> cycle : graphOf(ctx, false, EdgeKind.HANDOFF).cycles()) {
                ctx.flowProblem(Problem.error("handoff-cycle-unbounded", nodes.get(cycle.get(0)).id(),
                        "/limits/maxHandoffs", "HANDOFF edges form a cycle (" + path(ctx, cycle)
                                + ") but limits.maxHandoffs is not set; set it so that agents cannot hand the"
                                + " conversation back and forth forever"));
            }
        }
    }

    private static int root(int[] group, int i) {
        while (group[i] != i) {
            group[i] = group[group[i]];
            i = group[i];
        }
        return i;
    }

    private static void checkSwarm(ValidationContext ctx, List<Integer> swarm) {
        List<AgentNode> nodes = ctx.flow.nodes();
        String members = swarm.stream().map(i -> ctx.named(nodes.get(i).id())).collect(Collectors.joining(", "));
        List<Integer> entries = swarm.stream()
                .filter(i -> ctx.flow.incoming(nodes.get(i).id(), EdgeKind.NEXT).stream()
                        .anyMatch(ctx::wellFormed))
                .toList();
        if (entries.isEmpty()) {
            int first = swarm.get(0);
            ctx.nodeProblem(first, Problem.error("swarm-no-entry", nodes.get(first).id(),
                    ValidationContext.nodePointer(first), "the swarm of " + members + " has no entry: connect"
                            + " exactly one of its agents with an incoming NEXT edge, where the work enters"));
        } else if (entries.size() > 1) {
            int second = entries.get(1);
            String names = entries.stream().map(i -> ctx.named(nodes.get(i).id())).collect(Collectors.joining(", "));
            ctx.nodeProblem(second, Problem.error("swarm-multiple-entries", nodes.get(second).id(),
                    ValidationContext.nodePointer(second), "the swarm of " + members + " has " + entries.size()
                            + " entries with incoming NEXT edges (" + names + "); exactly one agent may receive"
                            + " the work, the others are reached by HANDOFF"));
        }
        List<Edge> edges = ctx.flow.edges();
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            int from = ctx.indexOf(e.from());
            if (e.kind() == EdgeKind.NEXT && ctx.wellFormed(e) && swarm.contains(from) && !entries.contains(from)) {
                ctx.edgeProblem(i, Problem.error("swarm-member-with-next", e.id(),
                        ValidationContext.edgePointer(i) + "/from", ValidationContext.describe(e) + " leaves "
                                + ctx.named(e.from()) + ", a swarm member that is not its entry; the swarm's answer"
                                + " leaves only along the entry's NEXT edges, start this edge there"));
            }
        }
    }

    // ---- reachability --------------------------------------------------------------------------------------

    private static void checkReachability(ValidationContext ctx) {
        List<AgentNode> nodes = ctx.flow.nodes();
        boolean[] reached = new boolean[nodes.size()];
        boolean anyStart = false;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).kind() == NodeKind.START && ctx.indexOf(nodes.get(i).id()) == i) {
                reached[i] = anyStart = true;
            }
        }
        if (!anyStart) {
            return; // start-count says it; every node being unreachable would only bury that
        }
        // lenient: an edge of the wrong kind is reported once, not again as every node behind it being unreachable
        NodeGraph work = graphOf(ctx, true, EdgeKind.NEXT, EdgeKind.DELEGATES, EdgeKind.HANDOFF, EdgeKind.ROUTE);
        work.reach(reached);
        // critics run after the nodes they review, verifiers when their judge asks: repeat until nothing changes
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Edge e : ctx.flow.edges()) {
                if (e.kind() == EdgeKind.REVIEWS && ctx.connects(e)) {
                    changed |= mark(reached, ctx.indexOf(e.from()), reached[ctx.indexOf(e.to())]);
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                JudgeSpec spec = nodes.get(i).judge();
                if (reached[i] && nodes.get(i).kind() == NodeKind.JUDGE && spec != null
                        && spec.strategy() == JudgeStrategy.RE_VERIFY && spec.verifierId() != null) {
                    changed |= mark(reached, ctx.indexOf(spec.verifierId()), true);
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            AgentNode n = nodes.get(i);
            boolean reportedAlready = n.kind() == NodeKind.CRITIC && ctx.flow.outgoing(n.id(), EdgeKind.REVIEWS).isEmpty();
            if (!reached[i] && !reportedAlready && ctx.indexOf(n.id()) == i) {
                ctx.nodeProblem(i, Problem.error("unreachable", n.id(), ValidationContext.nodePointer(i),
                        ValidationContext.describe(n) + " " + unreachableReason(n.kind())));
            }
        }
    }

    private static boolean mark(boolean[] reached, int index, boolean when) {
        if (when && index >= 0 && !reached[index]) {
            reached[index] = true;
            return true;
        }
        return false;
    }

    private static String unreachableReason(NodeKind kind) {
        return switch (kind) {
            case OUTPUT -> "cannot be reached from START over NEXT or ROUTE edges, so the run would have no answer;"
                    + " connect the last step to it";
            case CRITIC -> "reviews only nodes that can never run; connect those nodes to the flow or delete it";
            default -> "cannot be reached from START over NEXT, ROUTE, DELEGATES or HANDOFF edges, so it would never"
                    + " run; connect it or delete it";
        };
    }
}
