package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports an AutoGen Studio / AgentChat team (a JSON component config, or a Studio gallery holding teams); a
 * workflow of the Studio before AgentChat goes to {@link AutoGenWorkflow}.
 * RoundRobinGroupChat becomes a chain (one round), SelectorGroupChat a supervisor with its selector prompt, Swarm
 * agents joined by HANDOFF edges; AssistantAgent an agent, UserProxyAgent a human step; termination conditions become
 * limits where Baton has one.
 */
final class AutoGenImporter implements Importer {

    /** The gallery team to import (its label or name, or its number from 1); null: the first. */
    private final String team;

    AutoGenImporter() {
        this(null);
    }

    AutoGenImporter(String team) {
        this.team = team == null || team.isBlank() ? null : team.strip();
    }

    @Override
    public String format() {
        return "autogen";
    }

    @Override
    public String whyNot(Path source) {
        if (Files.isDirectory(source)) {
            return "an AutoGen team is one JSON file";
        }
        JsonNode root = Sources.jsonOrNull(source);
        if (root == null || !root.isObject()) {
            return "not a JSON object";
        }
        return root(root) == null && !AutoGenWorkflow.is(root)
                ? "no AutoGen team or agent component (provider/component_type/config) in it" : null;
    }

    /** The labels of a gallery's teams; empty when the source is no gallery (or not JSON). */
    static List<String> galleryTeams(Path source) {
        if (Files.isDirectory(source)) {
            return List.of();
        }
        JsonNode json = Sources.jsonOrNull(source);
        if (json == null || !json.isObject() || root(json) == json) {
            return List.of();
        }
        JsonNode gallery = json.path("components").path("teams");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < gallery.size(); i++) {
            labels.add(teamLabel(gallery.get(i), i));
        }
        return labels;
    }

    /** A gallery team's label, else its component name, else "team N". */
    private static String teamLabel(JsonNode t, int index) {
        String label = Sources.str(t, "label").isEmpty() ? AutoGenComponent.of(t).name() : Sources.str(t, "label");
        return label.isEmpty() ? "team " + (index + 1) : label;
    }

    /** The index of the gallery team {@link #team} names (label or name, any case, or its number from 1). */
    private int chosen(Path source, JsonNode gallery) throws ImportException {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < gallery.size(); i++) {
            String label = teamLabel(gallery.get(i), i);
            if (label.equalsIgnoreCase(team) || AutoGenComponent.of(gallery.get(i)).name().equalsIgnoreCase(team)
                    || team.equals(Integer.toString(i + 1))) {
                return i;
            }
            labels.add((i + 1) + " '" + label + "'");
        }
        throw new ImportException(source + ": --team " + team + ": no such team in the gallery; its teams: "
                + String.join(", ", labels));
    }

    /** The team (or lone agent) component to import: the root, or the first team of a gallery. */
    private static JsonNode root(JsonNode json) {
        AutoGenComponent c = AutoGenComponent.of(json);
        if (c.isTeam() || c.kind().equals("agent") || c.type().endsWith("Agent")) {
            return json;
        }
        JsonNode teams = json.path("components").path("teams");
        if (teams.isArray() && !teams.isEmpty()) {
            return teams.get(0);
        }
        return null;
    }

    @Override
    public ImportResult read(Path source) throws ImportException {
        JsonNode json = Sources.json(source);
        JsonNode rootNode = json.isObject() ? root(json) : null;
        if (rootNode == null && json.isObject() && AutoGenWorkflow.is(json)) {
            return AutoGenWorkflow.read(source, json, format());
        }
        if (rootNode == null) {
            throw new ImportException(source + " is not an AutoGen team: " + whyNot(source));
        }
        FlowDraft d = new FlowDraft(source.getFileName().toString());
        JsonNode gallery = json.path("components").path("teams");
        if (team != null && rootNode == json) {
            throw new ImportException(source + ": --team " + team + ": this file is one team, not a gallery of teams");
        }
        int chosen = 0;
        if (rootNode != json) {
            chosen = team == null ? 0 : chosen(source, gallery);
            rootNode = gallery.get(chosen);
        }
        String base = rootNode == json ? "" : "components.teams[" + chosen + "].";
        if (rootNode != json && gallery.size() > 1) {
            List<String> others = new ArrayList<>();
            for (int i = 0; i < gallery.size(); i++) {
                if (i != chosen) {
                    others.add("'" + teamLabel(gallery.get(i), i) + "'");
                }
            }
            // a gallery's teams have no files of their own: say which were left and how to get one
            d.note("components.teams", "a gallery with " + gallery.size() + " teams", "imported "
                    + (team == null ? "the first, " : "") + "'" + teamLabel(rootNode, chosen) + "'; not imported: "
                    + String.join(", ", others) + " (import another with --team NAME, or pick it in the designer's Import)");
        }
        AutoGenComponent team = AutoGenComponent.of(rootNode);
        AgentNode start = d.add(AgentNode.of("task", NodeKind.START, "Task")
                .withInstructions("The task given to the team."));
        AgentNode output = AgentNode.of("result", NodeKind.OUTPUT, "Result");
        String label = Sources.str(rootNode, "label");
        String name = !label.isEmpty() ? label : !team.name().isEmpty() ? team.name() : team.type();
        if (!team.isTeam()) {
            AgentNode agent = agent(d, base.isEmpty() ? "(root)" : base, rootNode);
            d.add(output);
            d.connect(EdgeKind.NEXT, start.id(), agent.id());
            d.connect(EdgeKind.NEXT, agent.id(), output.id());
            return finish(d, name, rootNode);
        }
        JsonNode participants = team.config().path("participants");
        String path = base + "config.participants";
        List<AgentNode> members = new ArrayList<>();
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < participants.size(); i++) {
            JsonNode p = participants.get(i);
            AutoGenComponent pc = AutoGenComponent.of(p);
            if (!p.isObject() || pc.type().isEmpty() && pc.name().isEmpty()) {
                d.note(path + "[" + i + "]", "a participant that is not an agent component ("
                        + CrewAiImporter.clip(p.toString()) + ")", "left out");
                continue;
            }
            if (pc.isTeam()) {
                d.note(path + "[" + i + "]", "a nested team '" + pc.name() + "'", "left out: import it on its own");
                continue;
            }
            AgentNode node = agent(d, path + "[" + i + "]", p);
            members.add(node);
            byName.put(pc.name().isEmpty() ? node.id() : pc.name(), node.id());
        }
        if (members.isEmpty()) {
            throw new ImportException(source + ": the team has no participants Baton can import");
        }
        d.add(output);
        switch (team.type()) {
            case "SelectorGroupChat", "MagenticOneGroupChat" -> selector(d, team, base, members, start, output);
            case "Swarm" -> swarm(d, base, participants, members, byName, start, output);
            default -> {
                if (!team.type().equals("RoundRobinGroupChat")) {
                    d.note(base + "provider", "the team type " + team.type(), "imported as a chain, like"
                            + " RoundRobinGroupChat");
                }
                String prev = start.id();
                for (AgentNode m : members) {
                    d.connect(EdgeKind.NEXT, prev, m.id());
                    prev = m.id();
                }
                d.connect(EdgeKind.NEXT, prev, output.id());
                d.note(base + "provider", "RoundRobinGroupChat", "a chain of its participants in order: one round;"
                        + " AutoGen repeats rounds until a termination condition holds, Baton runs the chain once");
            }
        }
        AutoGenTermination.map(d, base, team.config().get("termination_condition"), team.type().equals("Swarm"));
        if (team.config().has("max_turns") && !team.config().get("max_turns").isNull()) {
            d.note(base + "config.max_turns", "max_turns: " + team.config().get("max_turns"),
                    "no use in a single pass; left out");
        }
        return finish(d, name, rootNode);
    }

    private ImportResult finish(FlowDraft d, String name, JsonNode root) throws ImportException {
        String description = Sources.str(root, "description");
        return ImportResult.of(format(), d.build(name, name + " (imported from AutoGen)",
                (description.isEmpty() ? "" : description + " ") + "Imported from an AutoGen team.", true), d.notes);
    }

    private static AgentNode agent(FlowDraft d, String path, JsonNode json) {
        AutoGenComponent c = AutoGenComponent.of(json);
        JsonNode cfg = c.config();
        String name = c.name().isEmpty() ? c.type() : c.name();
        String description = Sources.str(cfg, "description");
        if (c.type().equals("UserProxyAgent")) {
            return d.add(AgentNode.of(d.id(name), NodeKind.HUMAN, CrewAiImporter.humanize(name))
                    .withInstructions(description.isEmpty() ? "Your turn: answer or approve what the team wrote."
                            : description));
        }
        if (!c.type().equals("AssistantAgent") && !c.type().isEmpty()) {
            d.note(path, "the agent type " + c.type(), "imported as a plain agent; what sets it apart (code"
                    + " execution, inner teams, web browsing) is not carried over");
        }
        AgentNode node = AgentNode.of(d.id(name), NodeKind.AGENT, CrewAiImporter.humanize(name))
                .withRole(description).withInstructions(Sources.str(cfg, "system_message"));
        ModelRef model = AutoGenModels.model(d, path + ".config.model_client", cfg.get("model_client"));
        if (model != null) {
            node = node.withModel(model);
        }
        List<String> offered = new ArrayList<>();
        tools(d, path + ".config.tools", cfg.get("tools"), offered);
        JsonNode workbench = cfg.get("workbench");
        if (workbench != null && !workbench.isNull()) {
            List<JsonNode> benches = new ArrayList<>();
            if (workbench.isArray()) {
                workbench.forEach(benches::add);
            } else {
                benches.add(workbench);
            }
            for (int i = 0; i < benches.size(); i++) {
                AutoGenComponent wb = AutoGenComponent.of(benches.get(i));
                String at = path + ".config.workbench" + (workbench.isArray() ? "[" + i + "]" : "");
                if (wb.config().has("tools")) {
                    tools(d, at + ".config.tools", wb.config().get("tools"), offered);
                } else {
                    d.note(at, "the workbench " + wb.type(), "not carried over: Baton has no such tool source");
                }
            }
        }
        return d.add(offered.isEmpty() ? node : node.withTools(offered));
    }

    /**
     * The source's tools: one named like a Baton built-in that needs no set-up is offered as that built-in (its
     * parameters are Baton's; the source's code is never run); the others are reported.
     */
    private static void tools(FlowDraft d, String path, JsonNode tools, List<String> offered) {
        if (tools == null || !tools.isArray()) {
            return;
        }
        for (int i = 0; i < tools.size(); i++) {
            AutoGenComponent t = AutoGenComponent.of(tools.get(i));
            String name = t.name().isEmpty() ? tools.get(i).asText(t.type()) : t.name();
            BuiltInTools.carry(d, path + "[" + i + "]", name, name, offered,
                    BuiltInTools.OFFERED.contains(name) ? " (the source's code is never run)"
                            : " (its source code is never run)");
        }
    }

    private static void selector(FlowDraft d, AutoGenComponent team, String base, List<AgentNode> members,
                                 AgentNode start, AgentNode output) {
        String prompt = Sources.str(team.config(), "selector_prompt");
        AgentNode lead = AgentNode.of(d.id("selector"), NodeKind.SUPERVISOR, "Selector")
                .withRole("Picks which team member speaks next")
                .withGoal("Move the task forward by choosing the right member at each step")
                .withInstructions(prompt.isEmpty() ? "Choose the member who should work next." : prompt);
        ModelRef model = AutoGenModels.model(d, base + "config.model_client", team.config().get("model_client"));
        if (model != null) {
            lead = lead.withModel(model);
        }
        d.add(lead);
        d.connect(EdgeKind.NEXT, start.id(), lead.id());
        String last = lead.id();
        for (AgentNode m : members) {
            if (m.kind() == NodeKind.HUMAN) {
                d.connect(EdgeKind.NEXT, last, m.id());
                last = m.id();
                d.note(base + "config.participants", "the user proxy '" + m.name() + "' in a selector team",
                        "a HUMAN step after the supervisor: a person cannot be a delegated worker in Baton");
            } else {
                d.add(Edge.delegates(d.id(lead.id() + "-to-" + m.id()), lead.id(), m.id()));
            }
        }
        d.connect(EdgeKind.NEXT, last, output.id());
        d.note(base + "provider", team.type(), "a supervisor with the selector prompt as instructions, delegating"
                + " to the members; AutoGen's {roles}/{history} placeholders in the prompt are kept as text");
    }

    private static void swarm(FlowDraft d, String base, JsonNode participants, List<AgentNode> members,
                              Map<String, String> byName, AgentNode start, AgentNode output) {
        AgentNode entry = members.stream().filter(m -> m.kind() == NodeKind.AGENT).findFirst().orElse(members.get(0));
        d.connect(EdgeKind.NEXT, start.id(), entry.id());
        String user = null;
        for (int i = 0; i < participants.size(); i++) {
            AutoGenComponent pc = AutoGenComponent.of(participants.get(i));
            String from = byName.get(pc.name());
            JsonNode handoffs = pc.config().path("handoffs");
            for (int h = 0; h < handoffs.size(); h++) {
                JsonNode ho = handoffs.get(h);
                String target = ho.isTextual() ? ho.asText() : Sources.str(ho, "target");
                String at = base + "config.participants[" + i + "].config.handoffs[" + h + "]";
                if (target.equals("user")) {
                    if (user == null) {
                        user = d.add(AgentNode.of(d.id("user"), NodeKind.HUMAN, "User")
                                .withInstructions("The team hands over to you. What do you answer?")).id();
                    }
                    d.note(at, "a handoff to the user", "a HUMAN step 'User' after the swarm answers (Baton's"
                            + " handoffs go between agents)");
                    continue;
                }
                String to = byName.get(target);
                if (from == null || to == null || d.node(to).kind() != NodeKind.AGENT) {
                    d.note(at, "a handoff to '" + target + "'", "left out: no agent of that name in the team");
                    continue;
                }
                Edge e = d.connect(EdgeKind.HANDOFF, from, to);
                String description = ho.isObject() ? Sources.str(ho, "description") : "";
                if (!description.isEmpty()) {
                    d.edges().set(d.edges().indexOf(e), e.withLabel(CrewAiImporter.clip(description)));
                }
            }
        }
        if (user != null) {
            d.connect(EdgeKind.NEXT, entry.id(), user);
            d.connect(EdgeKind.NEXT, user, output.id());
        } else {
            d.connect(EdgeKind.NEXT, entry.id(), output.id());
        }
    }
}
