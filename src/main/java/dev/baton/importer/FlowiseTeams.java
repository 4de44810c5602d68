package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Position;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a Flowise Agentflow V1 multi-agent team: one {@code supervisor} node and its {@code worker} nodes (each
 * wired to the supervisor), chat-model nodes wired to their {@code model} inputs and tool nodes to the workers'
 * {@code tools}. It becomes Baton's supervisor topology: Start → the supervisor → Output, the supervisor delegating
 * to one agent per worker. Flowise's supervisor answers with the next worker's name or FINISH; Baton's delegates by
 * tool calls and answers itself, so its prompt is reworded where it says so (and the report says it was).
 */
final class FlowiseTeams {

    /** A worker's prompt values a Flowise node fills at run time ({{node.data.instance}}): not known here. */
    private static final Pattern NODE_VALUE = Pattern.compile("\\{\\{[^}]*\\}\\}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

    private FlowiseTeams() {
    }

    /** True when {@code nodes} hold a V1 supervisor (what {@link #read} imports). */
    static boolean isTeam(JsonNode nodes) {
        for (JsonNode n : nodes) {
            if (Sources.str(n.path("data"), "name").equals("supervisor")) {
                return true;
            }
        }
        return false;
    }

    static ImportResult read(Path source, JsonNode root, String format) throws ImportException {
        JsonNode nodes = root.get("nodes");
        JsonNode edges = root.get("edges");
        FlowDraft d = new FlowDraft(source.getFileName().toString());
        Map<String, Integer> indexOf = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            indexOf.put(id(nodes.get(i)), i);
        }
        String supervisorId = null;
        List<String> workerIds = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            String type = Sources.str(n.path("data"), "name");
            String path = "/nodes/" + i;
            switch (type) {
                case "supervisor" -> {
                    if (supervisorId == null) {
                        supervisorId = id(n);
                    } else {
                        d.note(path, "a second supervisor '" + label(n) + "'", "left out with the workers wired to"
                                + " it; Baton imports one team per flow");
                    }
                }
                case "worker" -> workerIds.add(id(n));
                case "stickyNote" -> d.note(path, "a sticky note", "left out");
                default -> {
                    // chat models and tools are read through the edges that wire them below
                }
            }
        }
        if (supervisorId == null) {
            throw new ImportException(source + ": the export has no supervisor node");
        }
        JsonNode supervisor = nodes.get(indexOf.get(supervisorId));
        String supPath = "/nodes/" + indexOf.get(supervisorId);
        ModelRef supModel = modelWired(d, nodes, edges, indexOf, supervisorId);
        List<String> names = new ArrayList<>();
        List<AgentNode> workers = new ArrayList<>();
        for (String wid : workerIds) {
            JsonNode w = nodes.get(indexOf.get(wid));
            String wPath = "/nodes/" + indexOf.get(wid);
            String mine = wiredTo(edges, wid, "supervisor");
            if (mine != null && !mine.equals(supervisorId)) {
                continue; // noted with its supervisor
            }
            if (mine == null) {
                d.note(wPath, "the worker '" + label(w) + "'", "wired to no supervisor; it joins the team");
            }
            JsonNode inputs = w.path("data").path("inputs");
            String name = Sources.str(inputs, "workerName").isBlank() ? label(w) : Sources.str(inputs, "workerName");
            names.add(name);
            AgentNode a = AgentNode.of(d.id(wid), NodeKind.AGENT, name).withRole(name)
                    .withInstructions(workerPrompt(d, wPath, inputs));
            ModelRef m = modelWired(d, nodes, edges, indexOf, wid);
            m = m != null ? m : supModel;
            if (m != null) {
                a = a.withModel(m);
            }
            List<String> tools = toolsWired(d, nodes, edges, indexOf, wid);
            if (!tools.isEmpty()) {
                a = a.withTools(tools);
            }
            if (!Sources.str(inputs, "maxIterations").isBlank()) {
                d.note(wPath + "/data/inputs/maxIterations", "maxIterations " + Sources.str(inputs, "maxIterations"),
                        "not carried over; the flow's maxToolCalls bounds a worker's tool rounds");
            }
            workers.add(position(a, w));
        }
        JsonNode supInputs = supervisor.path("data").path("inputs");
        String supName = Sources.str(supInputs, "supervisorName").isBlank() ? label(supervisor)
                : Sources.str(supInputs, "supervisorName");
        AgentNode sup = AgentNode.of(d.id(supervisorId), NodeKind.SUPERVISOR, supName)
                .withRole("Supervisor of the team: " + String.join(", ", names))
                .withGoal("Answer the user's request by delegating its parts to the workers")
                .withInstructions(supervisorPrompt(d, supPath, Sources.str(supInputs, "supervisorPrompt"), names));
        if (supModel != null) {
            sup = sup.withModel(supModel);
        }
        sup = position(sup, supervisor);
        if (!Sources.str(supInputs, "recursionLimit").isBlank()) {
            d.note(supPath + "/data/inputs/recursionLimit", "recursionLimit " + Sources.str(supInputs,
                    "recursionLimit"), "not carried over; the flow's limits (maxTurnsPerAgent) bound the supervisor");
        }
        Position at = sup.position();
        AgentNode start = AgentNode.of(d.id("start"), NodeKind.START, "Start")
                .withPosition(new Position(at.x() - 360, at.y()));
        double right = at.x();
        for (AgentNode w : workers) {
            right = Math.max(right, w.position().x());
        }
        AgentNode output = AgentNode.of(d.id("output"), NodeKind.OUTPUT, "Output")
                .withPosition(new Position(right + 360, at.y()));
        d.add(start);
        d.add(sup);
        workers.forEach(d::add);
        d.add(output);
        d.connect(EdgeKind.NEXT, start.id(), sup.id());
        d.connect(EdgeKind.NEXT, sup.id(), output.id());
        for (AgentNode w : workers) {
            d.add(Edge.delegates(d.id(sup.id() + "-to-" + w.id()), sup.id(), w.id()));
        }
        String name = Sources.str(root, "name").isEmpty() ? source.getFileName().toString().replaceFirst(
                "\\.json$", "") : Sources.str(root, "name");
        boolean positioned = hasPosition(supervisor);
        return ImportResult.of(format, d.build(name, name + " (imported from Flowise)",
                "Imported from a Flowise Agentflow V1 multi-agent team (supervisor and workers).", !positioned),
                d.notes);
    }

    /** Flowise's routing protocol reworded for Baton's supervisor; {team_members} filled with the workers' names. */
    private static String supervisorPrompt(FlowDraft d, String path, String prompt, List<String> names) {
        String text = prompt.isBlank() ? "You are a supervisor managing these workers: {team_members}." : prompt;
        text = text.replace("{team_members}", String.join(", ", names));
        String reworded = text.replace("respond with the worker to act next", "delegate to the worker that should"
                + " act next").replace("When finished, respond with FINISH.", "When the work is done, answer with"
                + " the final result.");
        if (!reworded.equals(text)) {
            d.note(path + "/data/inputs/supervisorPrompt", "the supervisor's routing words (next worker, FINISH)",
                    "reworded: Baton's supervisor delegates by tool calls and answers with the result itself");
        }
        return reworded.strip();
    }

    /** A worker's prompt with its prompt values put in; values a Flowise node fills at run time are reported. */
    private static String workerPrompt(FlowDraft d, String path, JsonNode inputs) {
        return fill(d, path, Sources.str(inputs, "workerPrompt"), inputs.get("promptValues"), "workerPrompt");
    }

    /**
     * {@code prompt} with the {key}s of {@code values} (an object, or one as JSON text) put in; values computed by
     * other nodes at run time ({{node.data.instance}}, $flow.state…) and keys with no value are reported and left.
     */
    static String fill(FlowDraft d, String path, String prompt, JsonNode values, String field) {
        java.util.Set<String> reported = new java.util.HashSet<>();
        if (values != null && values.isTextual() && !values.asText().isBlank()) {
            values = Sources.jsonOrNull(values.asText());
        }
        if (values != null && values.isObject()) {
            for (Map.Entry<String, JsonNode> v : (Iterable<Map.Entry<String, JsonNode>>) values::fields) {
                String value = v.getValue().isTextual() ? v.getValue().asText() : v.getValue().toString();
                if (NODE_VALUE.matcher(value).find() || value.startsWith("$flow.")) {
                    d.note(path + "/data/inputs/promptValues/" + v.getKey(), "{" + v.getKey() + "} = " + value,
                            "a value another Flowise node computes at run time; left as {" + v.getKey() + "} in"
                                    + " the instructions");
                    reported.add(v.getKey());
                    continue;
                }
                prompt = prompt.replace("{" + v.getKey() + "}", value);
            }
        }
        Matcher left = PLACEHOLDER.matcher(prompt);
        while (left.find()) {
            if (reported.add(left.group(1))) {
                d.note(path + "/data/inputs/" + field, "the placeholder {" + left.group(1) + "}", "no value"
                        + " in the export; left in the instructions");
            }
        }
        return prompt.strip();
    }

    /** The model of the chat-model node wired to {@code target}'s model input, or null. */
    static ModelRef modelWired(FlowDraft d, JsonNode nodes, JsonNode edges, Map<String, Integer> indexOf,
                                       String target) {
        String from = wiredTo(edges, target, "model");
        if (from == null || !indexOf.containsKey(from)) {
            return null;
        }
        JsonNode n = nodes.get(indexOf.get(from));
        return FlowiseModels.ofNode(d, "/nodes/" + indexOf.get(from), Sources.str(n.path("data"), "name"),
                n.path("data").path("inputs"), n.path("data").has("credential") || n.path("data").path("inputs").has("credential"));
    }

    /** The Baton tools of the tool nodes wired to {@code worker}; the others are reported. */
    static List<String> toolsWired(FlowDraft d, JsonNode nodes, JsonNode edges, Map<String, Integer> indexOf,
                                           String worker) {
        List<String> offered = new ArrayList<>();
        for (JsonNode e : edges) {
            if (Sources.str(e, "target").equals(worker) && Sources.str(e, "targetHandle").contains("-input-tools-")
                    && indexOf.containsKey(Sources.str(e, "source"))) {
                int i = indexOf.get(Sources.str(e, "source"));
                JsonNode tool = nodes.get(i).path("data");
                String theirs = Sources.str(tool, "name");
                BuiltInTools.carry(d, "/nodes/" + i, theirs, FlowiseImporter.builtInFor(theirs), offered, "");
            }
        }
        return offered;
    }

    /** The node wired into {@code target}'s input named {@code input}, or null. */
    static String wiredTo(JsonNode edges, String target, String input) {
        for (JsonNode e : edges) {
            if (Sources.str(e, "target").equals(target)
                    && Sources.str(e, "targetHandle").contains("-input-" + input + "-")) {
                return Sources.str(e, "source");
            }
        }
        return null;
    }

    static String id(JsonNode n) {
        return Sources.str(n, "id").isEmpty() ? Sources.str(n.path("data"), "id") : Sources.str(n, "id");
    }

    static String label(JsonNode n) {
        String label = Sources.str(n.path("data"), "label");
        return label.isEmpty() ? Sources.str(n.path("data"), "name") : label;
    }

    private static boolean hasPosition(JsonNode n) {
        JsonNode p = n.get("position");
        return p != null && p.path("x").isNumber() && p.path("y").isNumber();
    }

    private static AgentNode position(AgentNode a, JsonNode n) {
        return hasPosition(n) ? a.withPosition(new Position(n.get("position").get("x").asDouble(),
                n.get("position").get("y").asDouble())) : a;
    }
}
