package dev.baton.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a flow against the engine's semantics and returns every problem, phrased for the user and located by a JSON
 * pointer into the flow file. Never throws: any flow the records can represent gets a list, possibly empty.
 *
 * <p>Problems come in a stable order: flow-level first, then nodes in authored order, then edges in authored order.
 * Everything is an ERROR (the flow will not run) except a supervisor without workers, a judge with fewer than two
 * inputs and a human step without a question, which are warnings. The structural rules (ids, names, edge ends and
 * kinds) live here; {@link SpecRules} checks what nodes, edges, models and limits say, {@link BoundsRules} how large
 * numbers and checks may be, {@link TextRules} that every text is well-formed Unicode, {@link TopologyRules} the shapes
 * the engine builds from the graph.
 */
public final class FlowValidator {

    private FlowValidator() {
    }

    /** Every problem of the flow, in a stable order. */
    public static List<Problem> validate(Flow flow) {
        ValidationContext ctx = new ValidationContext(flow);
        checkIds(ctx);
        checkNames(ctx);
        checkSingleton(ctx, NodeKind.START, "start-count",
                "a flow needs exactly one START node, where the run input enters");
        checkSingleton(ctx, NodeKind.OUTPUT, "output-count",
                "a flow needs exactly one OUTPUT node, which receives the final answer");
        SpecRules.check(ctx);
        BoundsRules.check(ctx);
        TextRules.check(ctx);
        checkEdgeEnds(ctx);
        TopologyRules.check(ctx);
        RouterRules.check(ctx);
        ToolRules.check(ctx);
        return ctx.problems();
    }

    /** True when the flow has no ERROR problem (warnings allowed). */
    public static boolean isValid(Flow flow) {
        return validate(flow).stream().noneMatch(Problem::isError);
    }

    // ---- ids and names -------------------------------------------------------------------------------------

    private static void checkIds(ValidationContext ctx) {
        Flow flow = ctx.flow;
        String idRule = "use letters, digits, '-', '_' or '.', start with a letter or digit, at most 64 characters";
        if (!Ids.VALID.matcher(flow.id()).matches()) {
            ctx.flowProblem(Problem.error("invalid-id", "", "/id",
                    "the flow id '" + flow.id() + "' is not a valid id: " + idRule));
        }
        // nodes and edges share one namespace: an edge id may not repeat a node id either
        Map<String, String> firstUse = new HashMap<>();
        for (int i = 0; i < flow.nodes().size(); i++) {
            AgentNode n = flow.nodes().get(i);
            String where = ValidationContext.nodePointer(i);
            if (n.id().isEmpty()) {
                ctx.nodeProblem(i, Problem.error("invalid-id", "", where + "/id",
                        n.kind().name().toLowerCase(java.util.Locale.ROOT) + " node #" + (i + 1)
                                + (n.name().isBlank() ? "" : " (" + n.name() + ")") + " has no id; give it one"));
                continue;
            }
            if (!Ids.VALID.matcher(n.id()).matches()) {
                ctx.nodeProblem(i, Problem.error("invalid-id", n.id(), where + "/id",
                        ValidationContext.describe(n) + ": the id is not valid: " + idRule));
            }
            String earlier = firstUse.putIfAbsent(n.id(), "node #" + (i + 1));
            if (earlier != null) {
                ctx.nodeProblem(i, Problem.error("duplicate-id", n.id(), where + "/id",
                        ValidationContext.describe(n) + ": the id is already used by " + earlier
                                + "; node and edge ids must be unique"));
            }
        }
        for (int i = 0; i < flow.edges().size(); i++) {
            Edge e = flow.edges().get(i);
            String where = ValidationContext.edgePointer(i);
            if (e.id().isEmpty()) {
                ctx.edgeProblem(i, Problem.error("invalid-id", "", where + "/id",
                        e.kind() + " edge #" + (i + 1) + " from '" + e.from() + "' to '" + e.to()
                                + "' has no id; give it one"));
                continue;
            }
            if (!Ids.VALID.matcher(e.id()).matches()) {
                ctx.edgeProblem(i, Problem.error("invalid-id", e.id(), where + "/id",
                        ValidationContext.describe(e) + ": the id is not valid: " + idRule));
            }
            String earlier = firstUse.putIfAbsent(e.id(), "edge #" + (i + 1));
            if (earlier != null) {
                ctx.edgeProblem(i, Problem.error("duplicate-id", e.id(), where + "/id",
                        ValidationContext.describe(e) + ": the id is already used by " + earlier
                                + "; node and edge ids must be unique"));
            }
        }
    }

    private static void checkNames(ValidationContext ctx) {
        List<AgentNode> nodes = ctx.flow.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            AgentNode n = nodes.get(i);
            if (n.name().isBlank()) {
                ctx.nodeProblem(i, Problem.error("empty-name", n.id(), ValidationContext.nodePointer(i) + "/name",
                        ValidationContext.describe(n) + " has no name; give it a name to show on the canvas"));
            }
        }
    }

    private static void checkSingleton(ValidationContext ctx, NodeKind kind, String code, String rule) {
        List<AgentNode> nodes = ctx.flow.nodes();
        List<Integer> found = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).kind() == kind) {
                found.add(i);
            }
        }
        if (found.isEmpty()) {
            ctx.flowProblem(Problem.error(code, "", "/nodes", "the flow has no " + kind + " node; " + rule));
        } else if (found.size() > 1) {
            int second = found.get(1);
            List<String> names = found.stream().map(i -> ValidationContext.describe(nodes.get(i))).toList();
            ctx.flowProblem(Problem.error(code, nodes.get(second).id(),
                    ValidationContext.nodePointer(second) + "/kind",
                    "the flow has " + found.size() + " " + kind + " nodes (" + String.join(", ", names) + "); "
                            + rule));
        }
    }

    // ---- edge ends and kinds -------------------------------------------------------------------------------

    /** The node kinds each edge kind may leave from and arrive at (the engine's semantics). */
    private static final Map<EdgeKind, Set<NodeKind>> SOURCES = Map.of(
            EdgeKind.NEXT, Set.of(NodeKind.START, NodeKind.AGENT, NodeKind.SUPERVISOR, NodeKind.JUDGE, NodeKind.HUMAN),
            EdgeKind.ROUTE, Set.of(NodeKind.ROUTER),
            EdgeKind.DELEGATES, Set.of(NodeKind.SUPERVISOR),
            EdgeKind.HANDOFF, Set.of(NodeKind.AGENT),
            EdgeKind.REVIEWS, Set.of(NodeKind.CRITIC));
    private static final Map<EdgeKind, Set<NodeKind>> TARGETS = Map.of(
            EdgeKind.NEXT, Set.of(NodeKind.AGENT, NodeKind.SUPERVISOR, NodeKind.JUDGE, NodeKind.HUMAN, NodeKind.OUTPUT,
                    NodeKind.ROUTER),
            EdgeKind.ROUTE, Set.of(NodeKind.AGENT, NodeKind.SUPERVISOR, NodeKind.HUMAN, NodeKind.OUTPUT,
                    NodeKind.ROUTER),
            EdgeKind.DELEGATES, Set.of(NodeKind.AGENT, NodeKind.SUPERVISOR),
            EdgeKind.HANDOFF, Set.of(NodeKind.AGENT),
            EdgeKind.REVIEWS, Set.of(NodeKind.AGENT, NodeKind.SUPERVISOR, NodeKind.JUDGE));
    private static final Map<EdgeKind, String> KIND_RULE = Map.of(
            EdgeKind.NEXT, "NEXT links START, agents, supervisors, judges, humans and OUTPUT, never a critic",
            EdgeKind.ROUTE, "ROUTE goes from a router to an agent, supervisor, human, router or OUTPUT",
            EdgeKind.DELEGATES, "DELEGATES goes from a supervisor to a worker agent or supervisor",
            EdgeKind.HANDOFF, "HANDOFF goes from one agent to another agent of the same swarm",
            EdgeKind.REVIEWS, "REVIEWS goes from a critic to the agent, supervisor or judge it checks");

    /** True when an edge of this kind may join these node kinds. */
    static boolean allowed(EdgeKind kind, NodeKind from, NodeKind to) {
        return SOURCES.get(kind).contains(from) && TARGETS.get(kind).contains(to);
    }

    private static void checkEdgeEnds(ValidationContext ctx) {
        List<Edge> edges = ctx.flow.edges();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            String where = ValidationContext.edgePointer(i);
            boolean fromOk = ctx.exists(e.from());
            boolean toOk = ctx.exists(e.to());
            if (!fromOk) {
                ctx.edgeProblem(i, Problem.error("dangling-edge", e.id(), where + "/from",
                        ValidationContext.describe(e) + " starts at '" + e.from()
                                + "', which is not a node of this flow; reconnect or delete it"));
            }
            if (!toOk) {
                ctx.edgeProblem(i, Problem.error("dangling-edge", e.id(), where + "/to",
                        ValidationContext.describe(e) + " ends at '" + e.to()
                                + "', which is not a node of this flow; reconnect or delete it"));
            }
            if (e.from().equals(e.to())) {
                ctx.edgeProblem(i, Problem.error("self-loop", e.id(), where + "/to",
                        ValidationContext.describe(e) + " connects " + ctx.describe(e.from())
                                + " to itself; an edge must join two different nodes"));
            } else if (fromOk && toOk) {
                checkKinds(ctx, i, e);
            }
            String key = e.kind() + "\u0000" + e.from() + "\u0000" + e.to();
            Integer earlier = seen.putIfAbsent(key, i);
            if (earlier != null) {
                ctx.edgeProblem(i, Problem.error("duplicate-edge", e.id(), where,
                        ValidationContext.describe(e) + " repeats edge '" + edges.get(earlier).id() + "' from "
                                + ctx.named(e.from()) + " to " + ctx.named(e.to()) + "; delete one of them"));
            }
        }
    }

    private static void checkKinds(ValidationContext ctx, int i, Edge e) {
        String where = ValidationContext.edgePointer(i);
        NodeKind from = ctx.kindOf(e.from());
        NodeKind to = ctx.kindOf(e.to());
        if (to == NodeKind.START) {
            ctx.edgeProblem(i, Problem.error("edge-into-start", e.id(), where + "/to",
                    ValidationContext.describe(e) + " leads into " + ctx.describe(e.to())
                            + "; nothing may enter the START node, the run input does"));
        } else if (from == NodeKind.OUTPUT) {
            ctx.edgeProblem(i, Problem.error("edge-out-of-output", e.id(), where + "/from",
                    ValidationContext.describe(e) + " leaves " + ctx.describe(e.from())
                            + "; nothing may leave the OUTPUT node, the final answer ends there"));
        } else if (!SOURCES.get(e.kind()).contains(from)) {
            ctx.edgeProblem(i, Problem.error("edge-kind-not-allowed", e.id(), where + "/from",
                    ValidationContext.describe(e) + " cannot start at " + ctx.describe(e.from()) + ": "
                            + KIND_RULE.get(e.kind())));
        } else if (!TARGETS.get(e.kind()).contains(to)) {
            ctx.edgeProblem(i, Problem.error("edge-kind-not-allowed", e.id(), where + "/to",
                    ValidationContext.describe(e) + " cannot end at " + ctx.describe(e.to()) + ": "
                            + KIND_RULE.get(e.kind())));
        }
    }
}
