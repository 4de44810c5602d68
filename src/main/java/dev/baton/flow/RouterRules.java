package dev.baton.flow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of {@link FlowValidator} about routers: each has routes, a rule router has a default and sound
 * conditions, and a route that leads back to an earlier node carries a {@code maxVisits} so that the loop ends.
 */
final class RouterRules {

    private RouterRules() {
    }

    static void check(ValidationContext ctx) {
        List<AgentNode> nodes = ctx.flow.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).kind() == NodeKind.ROUTER) {
                checkRouter(ctx, i, nodes.get(i));
            }
        }
        List<Edge> edges = ctx.flow.edges();
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (e.kind() == EdgeKind.ROUTE) {
                checkRoute(ctx, i, e);
            }
        }
        checkCycles(ctx);
    }

    private static void checkRouter(ValidationContext ctx, int i, AgentNode n) {
        String where = ValidationContext.nodePointer(i);
        List<Edge> routes = ctx.flow.outgoing(n.id(), EdgeKind.ROUTE);
        if (routes.isEmpty()) {
            ctx.nodeProblem(i, Problem.error("router-without-routes", n.id(), where, ValidationContext.describe(n)
                    + " has no routes; connect it with ROUTE edges to the nodes it may send its input to"));
            return;
        }
        long defaults = routes.stream().filter(e -> e.route() != null && e.route().isDefault()).count();
        if (defaults > 1) {
            ctx.nodeProblem(i, Problem.error("router-multiple-defaults", n.id(), where, ValidationContext.describe(n)
                    + " has " + defaults + " default routes; mark exactly one route as the default"));
        }
        RouterMode mode = n.router() == null ? RouterMode.LLM : n.router().mode();
        if (mode == RouterMode.RULE && defaults == 0) {
            ctx.nodeProblem(i, Problem.error("router-no-default", n.id(), where, ValidationContext.describe(n)
                    + " decides by rules but has no default route; mark the route to take when no condition holds"));
        }
        if (mode == RouterMode.LLM) {
            for (Edge e : routes) {
                if (e.route() == null || e.route().description().isBlank()) {
                    ctx.nodeProblem(i, Problem.warning("route-without-description", n.id(), where,
                            ValidationContext.describe(n) + " lets the model choose, but route '" + e.id()
                                    + "' has no description; say what belongs on it"));
                }
            }
        }
    }

    private static void checkRoute(ValidationContext ctx, int i, Edge e) {
        String where = ValidationContext.edgePointer(i) + "/route";
        String what = ValidationContext.describe(e);
        RouteSpec spec = e.route();
        if (spec == null) {
            return;
        }
        if (spec.maxVisits() != null && spec.maxVisits() < 1) {
            ctx.edgeProblem(i, Problem.error("route-max-visits-invalid", e.id(), where + "/maxVisits",
                    what + " allows " + spec.maxVisits() + " visits; use 1 or more, or remove the bound"));
        }
        AgentNode router = ctx.node(e.from());
        boolean rule = router != null && router.router() != null && router.router().mode() == RouterMode.RULE;
        RouteCondition c = spec.condition();
        if (c == null) {
            if (rule && !spec.isDefault()) {
                ctx.edgeProblem(i, Problem.error("route-without-condition", e.id(), where + "/when",
                        what + " leaves a rule router but has no condition and is not the default; give it one"));
            }
            return;
        }
        String at = where + "/when";
        if (c.readsJson() && c.field().isBlank()) {
            ctx.edgeProblem(i, Problem.error("route-condition-field-missing", e.id(), at + "/field",
                    what + " tests a JSON field but names none; give the field name or dotted path"));
        }
        switch (c.op()) {
            case REGEX -> {
                try {
                    Pattern.compile(c.value());
                } catch (PatternSyntaxException ex) {
                    ctx.edgeProblem(i, Problem.error("route-condition-regex-invalid", e.id(), at + "/value",
                            what + " has an invalid pattern /" + c.value() + "/: " + ex.getDescription()));
                }
            }
            case JSON_GREATER -> {
                try {
                    new BigDecimal(c.value().trim());
                } catch (NumberFormatException ex) {
                    ctx.edgeProblem(i, Problem.error("route-condition-not-a-number", e.id(), at + "/value",
                            what + " compares with '" + c.value() + "', which is not a number"));
                }
            }
            case CONTAINS -> {
                if (c.value().isEmpty()) {
                    ctx.edgeProblem(i, Problem.error("route-condition-empty", e.id(), at + "/value",
                            what + " tests for an empty text, which every input contains; give the text to look for"));
                }
            }
            default -> {
            }
        }
    }

    /**
     * A cycle of NEXT and ROUTE edges is bounded only when one of its ROUTE edges carries maxVisits: without the
     * bounded edges no cycle through a route may remain (pure NEXT cycles are reported by TopologyRules).
     */
    private static void checkCycles(ValidationContext ctx) {
        NodeGraph graph = new NodeGraph(ctx.flow.nodes().size());
        List<Edge> unbounded = new ArrayList<>();
        boolean anyRoute = false;
        for (Edge e : ctx.flow.edges()) {
            if (!ctx.wellFormed(e)) {
                continue;
            }
            if (e.kind() == EdgeKind.ROUTE) {
                anyRoute = true;
                if (e.route() != null && e.route().maxVisits() != null) {
                    continue;
                }
                unbounded.add(e);
            } else if (e.kind() != EdgeKind.NEXT) {
                continue;
            }
            graph.add(ctx.indexOf(e.from()), ctx.indexOf(e.to()));
        }
        if (!anyRoute) {
            return;
        }
        List<AgentNode> nodes = ctx.flow.nodes();
        for (List<Integer> cycle : graph.cycles()) {
            Edge route = routeIn(ctx, cycle, unbounded);
            if (route == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (int k : cycle) {
                names.add(ctx.named(nodes.get(k).id()));
            }
            names.add(names.get(0));
            int at = ctx.flow.edges().indexOf(route);
            ctx.edgeProblem(at, Problem.error("route-cycle-unbounded", route.id(),
                    ValidationContext.edgePointer(at) + "/route/maxVisits",
                    "the route '" + route.id() + "' closes a loop (" + String.join(" -> ", names)
                            + ") without a bound; set maxVisits on the route that leads back"));
        }
    }

    private static Edge routeIn(ValidationContext ctx, List<Integer> cycle, List<Edge> unbounded) {
        for (int k = 0; k < cycle.size(); k++) {
            String from = ctx.flow.nodes().get(cycle.get(k)).id();
            String to = ctx.flow.nodes().get(cycle.get((k + 1) % cycle.size())).id();
            for (Edge e : unbounded) {
                if (e.from().equals(from) && e.to().equals(to)) {
                    return e;
                }
            }
        }
        return null;
    }
}
