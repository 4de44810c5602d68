package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouteCondition;
import dev.baton.flow.RouteOp;
import dev.baton.flow.RouteSpec;
import dev.baton.flow.RouterMode;
import dev.baton.flow.RouterSpec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Flowise human input with a proceed and a reject branch: Baton's human step passes the person's answer on along
 * one path, so a rule router after it sends an approving answer down the proceed branch and any other answer (the
 * person's feedback) down the reject branch.
 */
final class FlowiseHumanChoice {

    /** An answer that approves: "ok", "yes", "approve(d)", "proceed", "continue" at its start. */
    static final String APPROVE = "(?i)^\\s*(ok|okay|yes|y|approve|approved|proceed|continue)\\b";

    private final FlowDraft d;
    private final Set<String> branching = new HashSet<>();
    private final Map<String, String> routerOf = new HashMap<>();
    /** Each choice router's human input, by Baton id. */
    private final Map<String, String> humanOf = new HashMap<>();

    FlowiseHumanChoice(FlowDraft d, JsonNode edges, Map<String, JsonNode> dataOf) {
        this.d = d;
        for (JsonNode e : edges) {
            String source = Sources.str(e, "source");
            if (Sources.str(dataOf.get(source), "name").equals("humanInputAgentflow")
                    && FlowiseImporter.branch(Sources.str(e, "sourceHandle")) == 1) {
                branching.add(source);
            }
        }
    }

    /** True when this Flowise human input has edges on its reject branch. */
    boolean branches(String flowiseId) {
        return branching.contains(flowiseId);
    }

    /** The route from the human's choice router to {@code to}: branch 0 proceeds, any other branch rejects. */
    Edge route(String path, String flowiseId, String human, String to, int branch) {
        String router = routerOf.computeIfAbsent(flowiseId, k -> router(path, human));
        RouteSpec spec = branch == 1 ? new RouteSpec("Reject: any other answer (the person's feedback)", null, true,
                null) : new RouteSpec("Proceed: the person approves", new RouteCondition(RouteOp.REGEX, "", APPROVE),
                false, null);
        return Edge.route(d.id(router + "-to-" + to), router, to, spec);
    }

    /** How often a reject branch that leads back to its human input may be taken in one run. */
    static final int MAX_REJECTS = 3;

    /**
     * Bounds each reject route that leads back to its human input (the validator refuses an unbounded loop): once
     * used up, only an approving answer goes on. Call when every edge is in.
     */
    void boundLoopsBack() {
        List<Edge> edges = d.edges();
        for (Map.Entry<String, String> human : humanOf.entrySet()) {
            for (int i = 0; i < edges.size(); i++) {
                Edge e = edges.get(i);
                if (e.from().equals(human.getKey()) && e.route() != null && e.route().isDefault()
                        && e.route().maxVisits() == null && reaches(e.to(), human.getValue())) {
                    edges.set(i, e.withRoute(e.route().withMaxVisits(MAX_REJECTS)));
                    d.note("", "the reject branch of '" + d.node(human.getValue()).name() + "'", "leads back to"
                            + " it: bounded to " + MAX_REJECTS + " rejections a run (maxVisits)");
                }
            }
        }
    }

    private boolean reaches(String from, String goal) {
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String at = todo.pop();
            if (at.equals(goal)) {
                return true;
            }
            if (seen.add(at)) {
                // a loop already bounded on the way (a Flowise loop node's route back) needs no second bound
                d.edges().stream().filter(e -> e.from().equals(at) && (e.route() == null
                        || e.route().maxVisits() == null)).forEach(e -> todo.push(e.to()));
            }
        }
        return false;
    }

    private String router(String path, String human) {
        AgentNode h = d.node(human);
        d.replace(h.withInstructions(h.instructions() + "\n\nAnswer 'ok' to proceed; any other answer is taken as"
                + " feedback and rejects."));
        AgentNode r = AgentNode.of(d.id(human + "-choice"), NodeKind.ROUTER, h.name() + ": proceed or reject")
                .withRouter(new RouterSpec(RouterMode.RULE))
                .withPosition(h.position().x() + 180, h.position().y() + 120);
        d.add(r);
        humanOf.put(r.id(), human);
        d.connect(EdgeKind.NEXT, human, r.id());
        d.note(path, "the human input '" + h.name() + "' with a proceed and a reject branch", "a rule router after"
                + " it: an answer starting with ok/yes/approve/proceed takes the proceed branch, any other answer"
                + " (feedback) the reject branch");
        return r.id();
    }
}
