package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import dev.baton.flow.RouteSpec;
import dev.baton.flow.RouterMode;
import dev.baton.flow.RouterSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a Flowise Agentflow V2 export (nodes and edges whose {@code data.name} ends in "Agentflow"): start, agent
 * and LLM nodes, human input, condition (rules) and condition agent (the model decides) as routers, a loop as a
 * bounded route back; positions are kept. An Agentflow V1 export goes to {@link FlowiseTeams} (a supervisor and its
 * workers) or {@link FlowiseSequential} (Sequential Agents).
 */
final class FlowiseImporter implements Importer {

    /** Flowise's tools that are one of Baton's built-ins under another name. */
    private static final Map<String, String> BUILT_IN_EQUIVALENTS = Map.of(
            "currentDateTime", BuiltInToolNames.CURRENT_TIME,
            "requestsGet", BuiltInToolNames.HTTP_GET,
            "requestsPost", BuiltInToolNames.HTTP_REQUEST,
            "requestsPut", BuiltInToolNames.HTTP_REQUEST,
            "requestsDelete", BuiltInToolNames.HTTP_REQUEST);

    @Override
    public String format() {
        return "flowise";
    }

    @Override
    public String whyNot(Path source) {
        if (Files.isDirectory(source)) {
            return "a Flowise export is one JSON file";
        }
        JsonNode root = Sources.jsonOrNull(source);
        if (root == null || !root.isObject()) {
            return "not a JSON object";
        }
        JsonNode nodes = root.get("nodes");
        if (nodes == null || !nodes.isArray() || !root.path("edges").isArray()) {
            return "no 'nodes' and 'edges' lists";
        }
        boolean sequential = false;
        for (JsonNode n : nodes) {
            String name = Sources.str(n.path("data"), "name");
            if (name.endsWith("Agentflow")) {
                return null;
            }
            sequential |= name.startsWith("seq") && Sources.str(n.path("data"), "category").equals(
                    "Sequential Agents");
        }
        if (FlowiseTeams.isTeam(nodes) || FlowiseSequential.isSequential(nodes)) {
            return null;
        }
        if (sequential) {
            return "a Flowise Sequential Agents flow without its seqStart node";
        }
        List<String> kinds = new ArrayList<>();
        for (JsonNode n : nodes) {
            String name = Sources.str(n.path("data"), "name");
            if (!Sources.str(n.path("data"), "category").isEmpty() && !name.equals("stickyNote")
                    && !kinds.contains(name) && kinds.size() < 4) {
                kinds.add(name);
            }
        }
        return kinds.isEmpty() ? "no Agentflow V2 node (data.name like 'agentAgentflow'), no V1 supervisor and no"
                + " seqStart; chatflows are not imported"
                : "a Flowise chatflow (" + String.join(", ", kinds) + (kinds.size() == 4 ? ", …" : "") + "); Baton"
                + " imports Flowise agentflows (V2, or V1 multi-agent teams and sequential agents), not chatflows";
    }

    @Override
    public boolean recognises(Path source) {
        JsonNode root = Files.isDirectory(source) ? null : Sources.jsonOrNull(source);
        if (root == null || !root.path("nodes").isArray() || !root.path("edges").isArray()) {
            return false;
        }
        for (JsonNode n : root.get("nodes")) {
            if (!Sources.str(n.path("data"), "category").isEmpty() && n.path("data").path("inputs").isObject()) {
                return true;
            }
        }
        return false;
    }

    /** Baton's built-in for a Flowise tool's name (the name itself when none is known). */
    static String builtInFor(String flowiseTool) {
        return BUILT_IN_EQUIVALENTS.getOrDefault(flowiseTool, flowiseTool);
    }

    @Override
    public ImportResult read(Path source) throws ImportException {
        String why = whyNot(source);
        if (why != null) {
            throw new ImportException(source + " is not a Flowise export Baton imports: " + why);
        }
        JsonNode root = Sources.json(source);
        boolean v2 = false;
        for (JsonNode n : root.get("nodes")) {
            v2 |= Sources.str(n.path("data"), "name").endsWith("Agentflow");
        }
        if (!v2) {
            return FlowiseTeams.isTeam(root.get("nodes")) ? FlowiseTeams.read(source, root, format())
                    : FlowiseSequential.read(source, root, format());
        }
        FlowDraft d = new FlowDraft(source.getFileName().toString());
        JsonNode nodes = root.get("nodes");
        Map<String, String> idOf = new HashMap<>();
        Map<String, JsonNode> dataOf = new HashMap<>();
        Set<String> replies = new HashSet<>();
        boolean positioned = true;
        AgentNode output = AgentNode.of("output", NodeKind.OUTPUT, "Output");
        String start = null;
        FlowiseIterations iterations = new FlowiseIterations(nodes, root.get("edges"));
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            JsonNode data = n.path("data");
            String type = Sources.str(data, "name");
            String fid = Sources.str(n, "id").isEmpty() ? Sources.str(data, "id") : Sources.str(n, "id");
            String label = Sources.str(data, "label").isEmpty() ? type : Sources.str(data, "label");
            String path = "/nodes/" + i;
            if (iterations.replaced(fid)) {
                d.note(path, "the iteration '" + label + "'", "its " + iterations.size(fid) + " node(s) run in"
                        + " sequence in its place; the iteration runs once over the input, not once per item");
                continue;
            }
            JsonNode inputs = data.path("inputs");
            AgentNode node = switch (type) {
                case "startAgentflow" -> AgentNode.of(d.id(fid), NodeKind.START, label)
                        .withInstructions(startText(inputs));
                case "agentAgentflow" -> work(d, path, fid, label, inputs, "agent");
                case "llmAgentflow" -> work(d, path, fid, label, inputs, "llm");
                case "humanInputAgentflow" -> AgentNode.of(d.id(fid), NodeKind.HUMAN, label).withInstructions(
                        question(inputs));
                case "conditionAgentflow" -> {
                    d.note(path, "condition node '" + label + "'", "a rule router; its conditions test the router's"
                            + " input (the previous node's output), not the Flowise variables they name");
                    yield AgentNode.of(d.id(fid), NodeKind.ROUTER, label).withRouter(new RouterSpec(RouterMode.RULE));
                }
                case "conditionAgentAgentflow" -> {
                    AgentNode r = AgentNode.of(d.id(fid), NodeKind.ROUTER, label)
                            .withRouter(new RouterSpec(RouterMode.LLM))
                            .withInstructions(FlowiseModels.plain(Sources.str(inputs, "conditionAgentInstructions")));
                    ModelRef m = FlowiseModels.model(d, path, inputs, "conditionAgent");
                    yield m == null ? r : r.withModel(m);
                }
                case "loopAgentflow" -> AgentNode.of(d.id(fid), NodeKind.ROUTER, label)
                        .withRouter(new RouterSpec(RouterMode.RULE));
                case "directReplyAgentflow" -> {
                    replies.add(fid);
                    d.note(path, "direct reply '" + label + "'", "its edges lead to the OUTPUT node; the fixed"
                            + " message is not sent");
                    yield null;
                }
                case "stickyNoteAgentflow" -> {
                    d.stickyNote(path);
                    yield null;
                }
                default -> {
                    d.note(path, "the " + type + " node '" + label + "'", "an agent placeholder that passes its"
                            + " input on; the node's own work (tools, HTTP, code, retrieval) is not carried over");
                    yield AgentNode.of(d.id(fid), NodeKind.AGENT, label).withRole("Placeholder for a Flowise "
                            + type + " node").withInstructions("Pass the input on unchanged.");
                }
            };
            if (node == null) {
                continue;
            }
            // a child of an iteration has its position relative to the iteration; the absolute one is beside it
            JsonNode pos = n.has("parentNode") && n.has("positionAbsolute") ? n.get("positionAbsolute")
                    : n.get("position");
            if (pos != null && pos.path("x").isNumber() && pos.path("y").isNumber()) {
                node = node.withPosition(new Position(pos.get("x").asDouble(), pos.get("y").asDouble()));
            } else {
                positioned = false;
            }
            if (node.kind() == NodeKind.START) {
                if (start != null) {
                    d.note(path, "a second start node", "left out");
                    continue;
                }
                start = node.id();
            }
            d.add(node);
            idOf.put(fid, node.id());
            dataOf.put(fid, data);
        }
        if (start == null) {
            throw new ImportException(source + ": the export has no startAgentflow node");
        }
        FlowiseHumanChoice choices = new FlowiseHumanChoice(d, root.get("edges"), dataOf);
        edges(d, root.get("edges"), iterations, idOf, dataOf, replies, output.id(), choices);
        loops(d, nodes, idOf, output.id());
        choices.boundLoopsBack();
        modelDecidesWhereRulesFail(d);
        d.add(output);
        double right = 0;
        double top = 0;
        for (String id : idOf.values()) {
            AgentNode n = d.node(id);
            if (n != null && n.kind() != NodeKind.OUTPUT) {
                boolean hasOut = d.edges().stream().anyMatch(e -> e.from().equals(id) && e.kind() != EdgeKind.REVIEWS);
                if (!hasOut) {
                    d.connect(EdgeKind.NEXT, id, output.id());
                }
                right = Math.max(right, n.position().x());
                top = n.position().y();
            }
        }
        d.replace(output.withPosition(right + 360, top));
        String name = Sources.str(root, "name").isEmpty() ? source.getFileName().toString().replaceFirst(
                "\\.json$", "") : Sources.str(root, "name");
        return ImportResult.of(format(), d.build(name, name + " (imported from Flowise)",
                "Imported from a Flowise Agentflow V2 export.", !positioned), d.notes);
    }

    /** A condition node with a row Baton has no rule for lets the model decide by the rows' descriptions. */
    private static void modelDecidesWhereRulesFail(FlowDraft d) {
        for (Edge e : List.copyOf(d.edges())) {
            AgentNode router = d.node(e.from());
            if (e.kind() == EdgeKind.ROUTE && router.router() != null && router.router().mode() == RouterMode.RULE
                    && e.route().condition() == null && !e.route().isDefault()) {
                d.replace(router.withRouter(new RouterSpec(RouterMode.LLM)).withInstructions(
                        "Pick the route whose condition holds for the input."));
                d.note("", "condition node '" + router.name() + "'", "switched to llm mode: one of its conditions has"
                        + " no Baton rule, so the model judges the conditions by their descriptions");
            }
        }
    }

    private static AgentNode work(FlowDraft d, String path, String fid, String label, JsonNode inputs,
                                  String prefix) {
        AgentNode node = AgentNode.of(d.id(fid), NodeKind.AGENT, label)
                .withInstructions(FlowiseModels.messages(inputs.get(prefix + "Messages")));
        ModelRef model = FlowiseModels.model(d, path, inputs, prefix);
        if (model != null) {
            node = node.withModel(model);
        }
        JsonNode tools = inputs.get(prefix + "Tools");
        if (tools != null && tools.isArray()) {
            List<String> offered = new ArrayList<>();
            for (int i = 0; i < tools.size(); i++) {
                String tool = Sources.str(tools.get(i), prefix + "SelectedTool");
                BuiltInTools.carry(d, path + "/data/inputs/" + prefix + "Tools/" + i, tool,
                        BUILT_IN_EQUIVALENTS.getOrDefault(tool, tool), offered, "");
            }
            node = offered.isEmpty() ? node : node.withTools(offered);
        }
        for (String extra : List.of("Knowledge", "KnowledgeDocumentStores", "KnowledgeVSEmbeddings",
                "StructuredOutput", "UpdateState")) {
            JsonNode v = inputs.get(prefix + extra);
            if (v != null && v.isArray() && !v.isEmpty()) {
                d.note(path + "/data/inputs/" + prefix + extra, prefix + extra, "no Baton equivalent; left out");
            }
        }
        return node;
    }

    private static String startText(JsonNode inputs) {
        String type = Sources.str(inputs, "startInputType");
        return type.equals("formInput") ? "The form's fields, as text." : "The user's chat message.";
    }

    private static String question(JsonNode inputs) {
        String q = FlowiseModels.plain(Sources.str(inputs, "humanInputDescription"));
        return q.isEmpty() ? "Do you approve what the flow produced so far? Answer with feedback or 'ok'." : q;
    }

    private static void edges(FlowDraft d, JsonNode edges, FlowiseIterations iterations, Map<String, String> idOf,
                              Map<String, JsonNode> dataOf, Set<String> replies, String output,
                              FlowiseHumanChoice choices) {
        for (String[] pair : iterations.chained) {
            if (idOf.containsKey(pair[0]) && idOf.containsKey(pair[1])) {
                d.connect(EdgeKind.NEXT, idOf.get(pair[0]), idOf.get(pair[1]));
            }
        }
        for (int i = 0; i < edges.size(); i++) {
            JsonNode e = edges.get(i);
            String path = "/edges/" + i;
            for (String source : iterations.outOf(Sources.str(e, "source"))) {
                for (String target : iterations.into(Sources.str(e, "target"))) {
                    edge(d, e, path, source, target, idOf, dataOf, replies, output, choices);
                }
            }
        }
    }

    /** One Flowise edge (or one of the edges an iteration's replacement makes of it). */
    private static void edge(FlowDraft d, JsonNode e, String path, String source, String target,
                             Map<String, String> idOf, Map<String, JsonNode> dataOf, Set<String> replies,
                             String output, FlowiseHumanChoice choices) {
        String from = idOf.get(source);
        String to = replies.contains(target) ? output : idOf.get(target);
        if (from == null || to == null) {
            if (!replies.contains(source)) {
                d.note(path, "an edge from '" + source + "' to '" + target + "'",
                        "left out: one of its ends was not imported");
            }
            return;
        }
        String handle = Sources.str(e, "sourceHandle");
        int branch = branch(handle);
        JsonNode data = dataOf.get(source);
        String type = Sources.str(data, "name");
        String label = Sources.str(e.path("data"), "edgeLabel");
        switch (type) {
            case "conditionAgentflow" -> d.add(conditionRoute(d, path, from, to, data, branch, label));
            case "conditionAgentAgentflow" -> {
                JsonNode scenarios = data.path("inputs").path("conditionAgentScenarios");
                String scenario = branch >= 0 && branch < scenarios.size()
                        ? Sources.str(scenarios.get(branch), "scenario") : "";
                boolean fallback = branch >= scenarios.size();
                d.add(Edge.route(d.id(from + "-to-" + to), from, to, new RouteSpec(scenario.isEmpty()
                        ? "Anything the other routes do not cover" : scenario, null, fallback, null))
                        .withLabel(label.isEmpty() ? "" : CrewAiImporter.clip(label)));
            }
            case "loopAgentflow" -> d.note(path, "an edge out of a loop node", "left out: the loop goes back"
                    + " to its target node");
            case "humanInputAgentflow" -> {
                if (choices.branches(source)) {
                    d.add(choices.route(path, source, from, to, branch));
                } else {
                    d.connect(EdgeKind.NEXT, from, to);
                }
            }
            default -> {
                // an edge into a direct reply goes to the OUTPUT node, which is only added after the edges
                if (!to.equals(output) && d.node(to).kind() == NodeKind.START) {
                    d.note(path, "an edge into the start node", "left out");
                } else {
                    d.connect(EdgeKind.NEXT, from, to);
                }
            }
        }
    }

    /** The output index of a handle such as "conditionAgentflow_0-output-1" (true 0, false 1), or -1. */
    static int branch(String handle) {
        int at = handle.lastIndexOf("-output-");
        if (at < 0) {
            return -1;
        }
        String tail = handle.substring(at + "-output-".length());
        if (tail.equals("true")) {
            return 0;
        }
        if (tail.equals("false")) {
            return 1;
        }
        try {
            return Integer.parseInt(tail);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Edge conditionRoute(FlowDraft d, String path, String from, String to, JsonNode data, int branch,
                                       String label) {
        JsonNode conditions = data.path("inputs").path("conditions");
        Edge edge;
        if (branch >= 0 && branch < conditions.size()) {
            FlowiseConditions.Mapped m = FlowiseConditions.map(conditions.get(branch));
            if (m.condition() == null) {
                d.note(path, "the condition " + m.description(), "no Baton rule for it; the route never matches"
                        + " by rule: edit its condition in the inspector");
            }
            edge = Edge.route(d.id(from + "-to-" + to), from, to, new RouteSpec(m.description(), m.condition(),
                    false, null));
        } else {
            edge = Edge.route(d.id(from + "-to-" + to), from, to, new RouteSpec("Else", null, true, null));
        }
        return label.isEmpty() ? edge : edge.withLabel(CrewAiImporter.clip(label));
    }

    /** A loop node: a bounded route back to its target, and on to the output when its visits are used up. */
    private static void loops(FlowDraft d, JsonNode nodes, Map<String, String> idOf, String output) {
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode data = nodes.get(i).path("data");
            if (!Sources.str(data, "name").equals("loopAgentflow")) {
                continue;
            }
            String loop = idOf.get(Sources.str(nodes.get(i), "id"));
            String back = Sources.str(data.path("inputs"), "loopBackToNode");
            String target = idOf.get(back.contains("-") ? back.substring(0, back.indexOf('-')) : back);
            if (target == null) {
                target = idOf.get(back);
            }
            int max = data.path("inputs").path("maxLoopCount").asInt(5);
            if (loop == null || target == null) {
                d.note("/nodes/" + i, "a loop back to '" + back + "'", "left out: its target was not imported");
                continue;
            }
            d.add(Edge.route(d.id(loop + "-back"), loop, target, new RouteSpec("Loop back", new dev.baton.flow
                    .RouteCondition(dev.baton.flow.RouteOp.REGEX, "", "(?s).*"), false, Math.max(1, max))));
            d.add(Edge.route(d.id(loop + "-done"), loop, output, new RouteSpec("Loop done", null, true, null)));
            d.note("/nodes/" + i, "a loop back to '" + back + "' at most " + max + " times", "a rule router whose"
                    + " route back has maxVisits " + Math.max(1, max) + "; then on to the output");
        }
    }
}
