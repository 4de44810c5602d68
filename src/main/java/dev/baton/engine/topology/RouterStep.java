package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.RouteSpec;
import dev.baton.flow.RouterMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A router: picks exactly one of the given routes and says why. In RULE mode
 * the routes' conditions are tried in authored order, then the default route; in LLM mode the model gets one tool per
 * route (described by the route's description and its target) and calls one, or answers {@code {"route", "reason"}}
 * as JSON; a reply naming no route takes the default route. Deciding only, and deterministic given the reply it is
 * fed: the executor asks the model, records the decision, and the chain runs the chosen node.
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

    private final AgentNode router;
    private final String input;
    private final List<Edge> routes;
    private final FlowIndex index;
    private final RouterMode mode;
    private final Map<String, Edge> byTool = new LinkedHashMap<>();
    private Choice choice;

    /**
     * One decision of {@code router} on {@code input} among {@code routes} (its ROUTE edges that still have visits
     * left).
     */
    public RouterStep(AgentNode router, String input, List<Edge> routes, FlowIndex index) {
        this.router = router;
        this.input = input;
        this.routes = List.copyOf(routes);
        this.index = index;
        this.mode = router.router() == null ? RouterMode.LLM : router.router().mode();
    }

    /** RULE mode decides at once ({@link Action.Done}); LLM mode asks the router's model first. */
    public Action start() {
        if (routes.isEmpty()) {
            return new Action.Fail(StepException.limit(router.id(), "maxVisits", "router '" + router.id()
                    + "' has no route left: every route has used up its maxVisits"));
        }
        return mode == RouterMode.RULE ? byRules() : ask();
    }

    /** LLM mode: the route the model's reply names, else the default route. */
    public Action onReply(ModelReply reply) {
        for (ToolCall call : reply.toolCalls()) {
            Edge e = byTool.get(call.name());
            if (e != null) {
                String reason = call.argument(REASON);
                return chose(e, reason.isBlank() ? "the model chose " + call.name() : reason);
            }
        }
        JsonNode json = JsonReplies.object(reply.text());
        if (json != null) {
            String named = json.path("route").asText("");
            for (Map.Entry<String, Edge> entry : byTool.entrySet()) {
                Edge e = entry.getValue();
                if (named.equals(entry.getKey()) || named.equals(e.id()) || named.equals(e.to())) {
                    String reason = json.path(REASON).asText("");
                    return chose(e, reason.isBlank() ? "the model chose " + named : reason);
                }
            }
        }
        Edge fallback = defaultRoute(routes);
        if (fallback == null) {
            return new Action.Fail(StepException.failed(router.id(), "router '" + router.id()
                    + "': the model named no route and there is no default route"));
        }
        return chose(fallback, "the model named no route; the default route");
    }

    /** The route taken and why, once the step is {@link Action.Done}. */
    public Choice choice() {
        return choice;
    }

    /** RULE or LLM. */
    public RouterMode mode() {
        return mode;
    }

    /** The ids of the routes considered. */
    public List<String> considered() {
        return routes.stream().map(Edge::id).toList();
    }

    private Action chose(Edge e, String reason) {
        choice = new Choice(e, reason);
        // a router passes its input on unchanged
        return new Action.Done(input);
    }

    private Action byRules() {
        for (Edge e : routes) {
            RouteSpec spec = spec(e);
            if (spec.condition() != null) {
                String why = RouteConditions.holds(spec.condition(), input);
                if (why != null) {
                    return chose(e, why);
                }
            }
        }
        Edge fallback = defaultRoute(routes);
        if (fallback == null) {
            return new Action.Fail(StepException.failed(router.id(), "router '" + router.id()
                    + "': no condition holds for this input and no default route is left"));
        }
        return chose(fallback, "no condition holds; the default route");
    }

    private Action ask() {
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
        return new Action.AskModel(List.of(new ChatMessage.System(Prompts.system(router, extra)),
                new ChatMessage.User(input)), tools, 1);
    }

    private String describe(Edge e) {
        RouteSpec spec = spec(e);
        String target = index.node(e.to()).map(Prompts::describe).orElse(e.to());
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
