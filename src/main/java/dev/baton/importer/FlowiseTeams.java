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
import java.util.List;
import java.util.Map;

/**
 * Imports a Flowise Agentflow V1 multi-agent team: one {@code supervisor} node and its {@code worker} nodes (each
 * wired to the supervisor), chat-model nodes wired to their {@code model} inputs and tool nodes to the workers'
 * {@code tools}. It becomes Baton's supervisor topology: Start → the supervisor → Output, the supervisor delegating
 * to one agent per worker. Flowise's supervisor answers with the next worker's name or FINISH; Baton's delegates by
 * tool calls and answers itself, so its prompt is reworded where it says so (and the report says it was).
 */
final class FlowiseTeams {

    private FlowiseTeams() {
    }

    /** True when {@code nodes} hold a V1 supervisor (what {@link #read} imports). */
    static boolean isTeam(JsonNode nodes) {
        return FlowiseNodes.has(nodes, "supervisor");
    }

    static ImportResult read(Path source, JsonNode root, String format) throws ImportException {
        JsonNode nodes = root.get("nodes");
        JsonNode edges = root.get("edges");
        FlowDraft d = new FlowDraft(source.getFileName().toString());
        Map<String, Integer> indexOf = FlowiseNodes.indexById(nodes);
        String supervisorId = null;
        List<String> workerIds = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            String type = Sources.str(n.path("data"), "name");
            String path = "/nodes/" + i;
            switch (type) {
                case "supervisor" -> {
                    if (supervisorId == null) {
                        supervisorId = FlowiseNodes.id(n);
                    } else {
                        d.note(path, "a second supervisor '" + FlowiseNodes.label(n) + "'", "left out with the"
                                + " workers wired to it; Baton imports one team per flow");
                    }
                }
                case "worker" -> workerIds.add(FlowiseNodes.id(n));
                case "stickyNote" -> d.stickyNote(path);
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
        ModelRef supModel = FlowiseNodes.modelWired(d, nodes, edges, indexOf, supervisorId);
        List<String> names = new ArrayList<>();
        List<AgentNode> workers = new ArrayList<>();
        for (String wid : workerIds) {
            JsonNode w = nodes.get(indexOf.get(wid));
            String wPath = "/nodes/" + indexOf.get(wid);
            String mine = FlowiseNodes.wiredTo(edges, wid, "supervisor");
            if (mine != null && !mine.equals(supervisorId)) {
                continue; // noted with its supervisor
            }
            if (mine == null) {
                d.note(wPath, "the worker '" + FlowiseNodes.label(w) + "'", "wired to no supervisor; it joins the"
                        + " team");
            }
            JsonNode inputs = w.path("data").path("inputs");
            String name = Sources.str(inputs, "workerName").isBlank() ? FlowiseNodes.label(w)
                    : Sources.str(inputs, "workerName");
            names.add(name);
            AgentNode a = AgentNode.of(d.id(wid), NodeKind.AGENT, name).withRole(name)
                    .withInstructions(workerPrompt(d, wPath, inputs));
            ModelRef m = FlowiseNodes.modelWired(d, nodes, edges, indexOf, wid);
            m = m != null ? m : supModel;
            if (m != null) {
                a = a.withModel(m);
            }
            List<String> tools = FlowiseNodes.toolsWired(d, nodes, edges, indexOf, wid);
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
        String supName = Sources.str(supInputs, "supervisorName").isBlank() ? FlowiseNodes.label(supervisor)
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
        return FlowiseNodes.fill(d, path, Sources.str(inputs, "workerPrompt"), inputs.get("promptValues"),
                "workerPrompt");
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
