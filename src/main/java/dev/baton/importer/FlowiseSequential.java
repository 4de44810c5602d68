package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;
import dev.baton.flow.RouteCondition;
import dev.baton.flow.RouteOp;
import dev.baton.flow.RouteSpec;
import dev.baton.flow.RouterMode;
import dev.baton.flow.RouterSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports a Flowise Sequential Agents flow (Agentflow V1: {@code seqStart}, {@code seqAgent}, {@code seqLLMNode},
 * {@code seqToolNode}, {@code seqCondition}, {@code seqConditionAgent}, {@code seqLoop}, {@code seqEnd}). Agents and
 * LLM nodes become agents (system and human prompts, prompt values filled in, the start's model unless wired their
 * own), a tool node's tools go to the LLM node that calls them, both kinds of condition become routers in which the
 * model picks the route by its condition (Flowise's conditions read the flow's state, which Baton does not have), a
 * loop becomes a route back bounded by {@link #LOOP_PASSES}, every end the one OUTPUT.
 */
final class FlowiseSequential {

    /** How often a Flowise loop may send the run back before it goes on to the output. */
    static final int LOOP_PASSES = 3;

    private FlowiseSequential() {
    }

    /** True when {@code nodes} hold a Sequential Agents start (what {@link #read} imports). */
    static boolean isSequential(JsonNode nodes) {
        return FlowiseNodes.has(nodes, "seqStart");
    }

    static ImportResult read(Path source, JsonNode root, String format) throws ImportException {
        JsonNode nodes = root.get("nodes");
        JsonNode edges = root.get("edges");
        FlowDraft d = new FlowDraft(source.getFileName().toString());
        Map<String, Integer> indexOf = FlowiseNodes.indexById(nodes);
        ModelRef startModel = null;
        for (int i = 0; i < nodes.size(); i++) {
            if (Sources.str(nodes.get(i).path("data"), "name").equals("seqStart")) {
                startModel = FlowiseNodes.modelWired(d, nodes, edges, indexOf, FlowiseNodes.id(nodes.get(i)));
                break;
            }
        }
        AgentNode output = AgentNode.of(d.id("output"), NodeKind.OUTPUT, "Output");
        Map<String, String> idOf = new HashMap<>();
        Map<String, String> byName = new HashMap<>();
        Map<String, String> typeOf = new HashMap<>();
        String start = null;
        double right = 0;
        double top = 0;
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            JsonNode data = n.path("data");
            String type = Sources.str(data, "name");
            String fid = FlowiseNodes.id(n);
            String path = "/nodes/" + i;
            JsonNode inputs = data.path("inputs");
            typeOf.put(fid, type);
            AgentNode node = switch (type) {
                case "seqStart" -> {
                    if (start != null) {
                        d.note(path, "a second start node", "left out");
                        yield null;
                    }
                    yield AgentNode.of(d.id(fid), NodeKind.START, "Start");
                }
                case "seqAgent" -> work(d, path, fid, inputs, Sources.str(inputs, "agentName"), startModel, nodes,
                        edges, indexOf);
                case "seqLLMNode" -> work(d, path, fid, inputs, Sources.str(inputs, "llmNodeName"), startModel,
                        nodes, edges, indexOf);
                case "seqCondition", "seqConditionAgent" -> router(d, path, fid, inputs, type, startModel, nodes,
                        edges, indexOf);
                case "seqLoop" -> AgentNode.of(d.id(fid), NodeKind.ROUTER, "Loop to " + Sources.str(inputs,
                        "loopToName")).withRouter(new RouterSpec(RouterMode.RULE));
                case "seqEnd" -> {
                    idOf.put(fid, output.id());
                    yield null;
                }
                case "seqToolNode" -> null; // its tools go to the LLM node that calls them, below
                case "seqCustomFunction", "seqExecuteFlow" -> {
                    d.note(path, "the " + type + " node '" + FlowiseNodes.label(n) + "'", "an agent placeholder that"
                            + " passes its input on; its code or sub-flow is not carried over");
                    yield AgentNode.of(d.id(fid), NodeKind.AGENT, FlowiseNodes.label(n)).withRole("Placeholder for"
                            + " a Flowise " + type + " node").withInstructions("Pass the input on unchanged.");
                }
                case "seqState" -> {
                    d.note(path, "the flow's state (" + Sources.str(inputs, "stateMemory") + ")", "not carried"
                            + " over: Baton passes outputs along edges; conditions on the state are judged by the"
                            + " model");
                    yield null;
                }
                case "stickyNote" -> {
                    d.stickyNote(path);
                    yield null;
                }
                case "agentMemory" -> {
                    d.note(path, "the " + type + " node", "left out");
                    yield null;
                }
                default -> null; // chat models, tools, retrievers: read through the edges that wire them
            };
            if (node == null) {
                continue;
            }
            JsonNode pos = n.get("position");
            if (pos != null && pos.path("x").isNumber() && pos.path("y").isNumber()) {
                node = node.withPosition(new Position(pos.get("x").asDouble(), pos.get("y").asDouble()));
                right = Math.max(right, node.position().x());
                top = node.position().y();
            }
            if (node.kind() == NodeKind.START) {
                start = node.id();
            }
            d.add(node);
            idOf.put(fid, node.id());
            if (!node.name().isBlank()) {
                byName.put(node.name(), node.id());
            }
        }
        if (start == null) {
            throw new ImportException(source + ": the export has no seqStart node");
        }
        toolNodes(d, nodes, edges, indexOf, idOf);
        d.add(output.withPosition(right + 360, top));
        for (int i = 0; i < edges.size(); i++) {
            edge(d, edges.get(i), "/edges/" + i, idOf, typeOf, nodes, indexOf);
        }
        loops(d, nodes, idOf, byName, output.id());
        String name = Sources.str(root, "name").isEmpty() ? source.getFileName().toString().replaceFirst(
                "\\.json$", "") : Sources.str(root, "name");
        return ImportResult.of(format, d.build(name, name + " (imported from Flowise)",
                "Imported from a Flowise Sequential Agents flow (Agentflow V1).", right == 0), d.notes);
    }

    /** An agent or LLM node: its system prompt, then its human prompt, with its prompt values put in. */
    private static AgentNode work(FlowDraft d, String path, String fid, JsonNode inputs, String name,
                                  ModelRef startModel, JsonNode nodes, JsonNode edges, Map<String, Integer> indexOf) {
        String label = name.isBlank() ? fid : name;
        String text = prompts(inputs);
        AgentNode a = AgentNode.of(d.id(fid), NodeKind.AGENT, label).withRole(label)
                .withInstructions(FlowiseNodes.fill(d, path, text, inputs.get("promptValues"), "systemMessagePrompt"));
        ModelRef m = FlowiseNodes.modelWired(d, nodes, edges, indexOf, fid);
        m = m != null ? m : startModel;
        if (m != null) {
            a = a.withModel(m);
        }
        List<String> tools = FlowiseNodes.toolsWired(d, nodes, edges, indexOf, fid);
        if (!tools.isEmpty()) {
            a = a.withTools(tools);
        }
        if (inputs.path("interrupt").asBoolean(false)) {
            d.note(path + "/data/inputs/interrupt", "approval before its tool calls", "set the node's tool policy"
                    + " to 'ask' in the inspector if its tools should wait for a person");
        }
        String structured = Sources.str(inputs, "llmStructuredOutput");
        if (!structured.isBlank() && !structured.equals("[]")) {
            d.note(path + "/data/inputs/llmStructuredOutput", "a structured output", "not carried over; the node"
                    + " answers in text");
        }
        return a;
    }

    private static String prompts(JsonNode inputs) {
        String system = Sources.str(inputs, "systemMessagePrompt").strip();
        String human = Sources.str(inputs, "humanMessagePrompt").strip();
        return system.isEmpty() ? human : human.isEmpty() ? system : system + "\n\n" + human;
    }

    /** A condition (rules on the flow's state) or condition agent: the model picks the route by its condition. */
    private static AgentNode router(FlowDraft d, String path, String fid, JsonNode inputs, String type,
                                    ModelRef startModel, JsonNode nodes, JsonNode edges,
                                    Map<String, Integer> indexOf) {
        boolean agent = type.equals("seqConditionAgent");
        String name = Sources.str(inputs, agent ? "conditionAgentName" : "conditionName");
        String text = agent ? FlowiseNodes.fill(d, path, prompts(inputs), inputs.get("promptValues"),
                "systemMessagePrompt") : "";
        AgentNode r = AgentNode.of(d.id(fid), NodeKind.ROUTER, name.isBlank() ? "Condition" : name)
                .withRouter(new RouterSpec(RouterMode.LLM))
                .withInstructions((text.isEmpty() ? "" : text + "\n\n") + "Pick the route whose condition holds.");
        ModelRef m = FlowiseNodes.modelWired(d, nodes, edges, indexOf, fid);
        m = m != null ? m : startModel;
        if (m != null) {
            r = r.withModel(m);
        }
        if (!agent) {
            d.note(path, "the condition '" + r.name() + "'", "an llm router: its rules read the flow's state,"
                    + " which Baton does not keep, so the model judges them by their descriptions");
        }
        return r;
    }

    /** A tool node's tools go to the LLM node it serves, which takes its place on the edges. */
    private static void toolNodes(FlowDraft d, JsonNode nodes, JsonNode edges, Map<String, Integer> indexOf,
                                  Map<String, String> idOf) {
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode data = nodes.get(i).path("data");
            if (!Sources.str(data, "name").equals("seqToolNode")) {
                continue;
            }
            String fid = FlowiseNodes.id(nodes.get(i));
            String llm = FlowiseNodes.wiredTo(edges, fid, "llmNode");
            String caller = llm == null ? null : idOf.get(llm);
            if (caller == null) {
                d.note("/nodes/" + i, "the tool node '" + FlowiseNodes.label(nodes.get(i)) + "'", "left out: no"
                        + " LLM node of the flow calls it");
                continue;
            }
            idOf.put(fid, caller);
            List<String> tools = new ArrayList<>(d.node(caller).tools());
            for (String t : FlowiseNodes.toolsWired(d, nodes, edges, indexOf, fid)) {
                if (!tools.contains(t)) {
                    tools.add(t);
                }
            }
            d.replace(d.node(caller).withTools(tools));
            if (data.path("inputs").path("interrupt").asBoolean(false)) {
                d.note("/nodes/" + i + "/data/inputs/interrupt", "approval before the tool node's calls", "set the"
                        + " node's tool policy to 'ask' in the inspector");
            }
        }
    }

    /** One edge between sequential nodes; a condition's edges are its routes ("end" the default). */
    private static void edge(FlowDraft d, JsonNode e, String path, Map<String, String> idOf,
                             Map<String, String> typeOf, JsonNode nodes, Map<String, Integer> indexOf) {
        String source = Sources.str(e, "source");
        String from = idOf.get(source);
        String to = idOf.get(Sources.str(e, "target"));
        if (from == null || to == null || from.equals(to) || !isSequential(typeOf.get(source))) {
            return; // a model, tool, memory or state wired to a node; a tool node's edge from its own LLM node
        }
        String type = typeOf.get(source);
        if (type.equals("seqLoop")) {
            return; // the loop goes back to its target (loops)
        }
        if (d.node(to).kind() == NodeKind.START) {
            d.note(path, "an edge into the start node", "left out");
            return;
        }
        if (type.equals("seqCondition") || type.equals("seqConditionAgent")) {
            String key = branch(Sources.str(e, "sourceHandle"));
            boolean end = key.equals("end");
            String description = end ? "None of the other conditions holds"
                    : condition(nodes.get(indexOf.get(source)).path("data").path("inputs"), key);
            d.add(Edge.route(d.id(from + "-to-" + to), from, to, new RouteSpec(description, null, end, null))
                    .withLabel(CrewAiImporter.clip(end ? "end" : key)));
            return;
        }
        d.connect(EdgeKind.NEXT, from, to);
    }

    private static boolean isSequential(String type) {
        return type != null && type.startsWith("seq");
    }

    /** The branch key of a handle such as "seqCondition_0-output-softwareEngineer-Condition". */
    static String branch(String handle) {
        int at = handle.lastIndexOf("-output-");
        if (at < 0) {
            return "";
        }
        String tail = handle.substring(at + "-output-".length());
        int dash = tail.indexOf('-');
        return dash < 0 ? tail : tail.substring(0, dash);
    }

    /** The words of the conditionUI rows leading to {@code key}'s output, for the model to judge. */
    private static String condition(JsonNode inputs, String key) {
        JsonNode rows = Sources.jsonOrNull(Sources.str(inputs, "conditionUI"));
        List<String> said = new ArrayList<>();
        String output = key;
        if (rows != null && rows.isArray()) {
            for (JsonNode row : rows) {
                if (squash(Sources.str(row, "output")).equals(squash(key))) {
                    output = Sources.str(row, "output");
                    said.add(Sources.str(row, "variable").replace("$flow.", "") + " "
                            + Sources.str(row, "operation").toLowerCase(Locale.ROOT) + " '" + Sources.str(row, "value")
                            + "'");
                }
            }
        }
        return said.isEmpty() ? "Go to " + output : "Go to " + output + " when " + String.join(" or ", said);
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** A loop: a route back to the node it names, at most {@link #LOOP_PASSES} times, then on to the output. */
    private static void loops(FlowDraft d, JsonNode nodes, Map<String, String> idOf, Map<String, String> byName,
                              String output) {
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode data = nodes.get(i).path("data");
            if (!Sources.str(data, "name").equals("seqLoop")) {
                continue;
            }
            String loop = idOf.get(FlowiseNodes.id(nodes.get(i)));
            String back = Sources.str(data.path("inputs"), "loopToName");
            String target = byName.get(back);
            if (loop == null || target == null) {
                d.note("/nodes/" + i, "a loop back to '" + back + "'", "left out: no node of that name");
                if (loop != null) {
                    d.add(Edge.route(d.id(loop + "-done"), loop, output, new RouteSpec("Go on", null, true, null)));
                }
                continue;
            }
            d.add(Edge.route(d.id(loop + "-back"), loop, target, new RouteSpec("Loop back", new RouteCondition(
                    RouteOp.REGEX, "", "(?s).*"), false, LOOP_PASSES)));
            d.add(Edge.route(d.id(loop + "-done"), loop, output, new RouteSpec("Loop done", null, true, null)));
            d.note("/nodes/" + i, "a loop back to '" + back + "'", "a rule router whose route back has maxVisits "
                    + LOOP_PASSES + " (Flowise bounds it by its recursion limit); then on to the output");
        }
    }
}
