package dev.baton.engine.topology;

import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.RouterContext;
import dev.baton.engine.step.StepException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.RouteSpec;
import dev.baton.flow.RouterMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A router: picks exactly one of the given routes and says why, as a route decision. In RULE mode
 * the routes' conditions are tried in authored order, then the default route; in LLM mode the model gets one tool per
 * route (described by the route's description and its target) and calls one, or answers {@code {"route", "reason"}}
 * as JSON; a reply naming no route takes the default route. Deciding only: the chain runs the chosen node.
 */
public final class RouterStep {

    /** Prefix of route tool names. */
    public static final String PREFIX = "route_to_";
    /** The argument a route tool takes. */
    public static final String REASON = "reason";
    /** Appended to the description of the default route, so that a model (and the simulated one) can see it. */
    public static final String DEFAULT_MARK = "(default route)";

    /** The route taken and why. */
    public record Choice(Edge edge, String reason) {
    }

    private final RouterContext run;

    public RouterStep(RouterContext run) {
        this.run = run;
    }

    /**
     * Picks one of {@code routes} (the router's ROUTE edges that still have visits left) for {@code input}.
     *
     * @throws StepException when no route can be taken
     */
    public Choice decide(AgentNode router, String input, List<Edge> routes) throws StepException {
        if (routes.isEmpty()) {
            throw StepException.limit(router.id(), "maxVisits", "router '" + router.id()
                    + "' has no route left: every route has used up its maxVisits");
        }
        RouterMode mode = router.router() == null ? RouterMode.LLM : router.router().mode();
        Choice choice = mode == RouterMode.RULE ? byRules(router, input, routes) : byModel(router, input, routes);
        List<String> ids = routes.stream().map(Edge::id).toList();
        run.routeDecided(router.id(), choice.edge().id(), mode.name(), ids, choice.edge().to(), choice.reason());
        return choice;
    }

    private Choice byRules(AgentNode router, String input, List<Edge> routes) throws StepException {
        for (Edge e : routes) {
            RouteSpec spec = spec(e);
            if (spec.condition() != null) {
                String why = RouteConditions.holds(spec.condition(), input);
                if (why != null) {
                    return new Choice(e, why);
                }
            }
        }
        Edge fallback = defaultRoute(routes);
        if (fallback == null) {
            throw StepException.failed(router.id(), "router '" + router.id()
                    + "': no condition holds for this input and no default route is left");
        }
        return new Choice(fallback, "no condition holds; the default route");
    }

    private Choice byModel(AgentNode router, String input, List<Edge> routes) throws StepException {
        Map<String, Edge> byTool = new LinkedHashMap<>();
        List<ToolSpec> tools = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (Edge e : routes) {
            String name = Prompts.toolName(PREFIX, e.to());
            if (byTool.containsKey(name)) {
                name = Prompts.toolName(PREFIX, e.id());
            }
            byTool.put(name, e);
            String description = describe(e);
            tools.add(new ToolSpec(name, description, Map.of(REASON, "one sentence: why this route fits the input")));
            list.append("- ").append(name).append(": ").append(description).append('\n');
        }
        String extra = "You are a router. Read the input and send it down exactly one route by calling that route's "
                + "tool with your reason. If you cannot call tools, answer only with JSON "
                + "{\"route\": \"<tool name>\", \"reason\": \"<why>\"}. Routes:\n" + list;
        List<ChatMessage> messages = List.of(new ChatMessage.System(Prompts.system(router, extra)),
                new ChatMessage.User(input));
        ModelReply reply = run.callModel(router, messages, tools, false, 1);
        for (ToolCall call : reply.toolCalls()) {
            Edge e = byTool.get(call.name());
            if (e != null) {
                String reason = call.argument(REASON);
                return new Choice(e, reason.isBlank() ? "the model chose " + call.name() : reason);
            }
        }
        JsonNode json = JsonReplies.object(reply.text());
        if (json != null) {
            String named = json.path("route").asText("");
            for (Map.Entry<String, Edge> entry : byTool.entrySet()) {
                Edge e = entry.getValue();
                if (named.equals(entry.getKey()) || named.equals(e.id()) || named.equals(e.to())) {
                    String reason = json.path(REASON).asText("");
                    return new Choice(e, reason.isBlank() ? "the model chose " + named : reason);
                }
            }
        }
        Edge fallback = defaultRoute(routes);
        if (fallback == null) {
            throw StepException.failed(router.id(), "router '" + router.id() + "': the model named no route and"
                    + " there is no default route");
        }
        return new Choice(fallback, "the model named no route; the default route");
    }

    private String describe(Edge e) {
        RouteSpec spec = spec(e);
        String target = run.index().node(e.to()).map(Prompts::describe).orElse(e.to());
        String text = spec.description().isBlank() ? "Send the input to " + target
                : spec.description() + " (goes to " + target + ")";
        return spec.isDefault() ? text + " " + DEFAULT_MARK : text;
    }

    private static Edge defaultRoute(List<Edge> routes) {
        return routes.stream().filter(e -> spec(e).isDefault()).findFirst().orElse(null);
    }

    private static RouteSpec spec(Edge e) {
        return e.route() == null ? RouteSpec.EMPTY : e.route();
    }
}
