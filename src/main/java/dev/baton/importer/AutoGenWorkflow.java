package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Imports a workflow of AutoGen Studio before AgentChat (0.1/0.2, on AutoGen 0.2): a sender (a user proxy that
 * gives the task and runs the code it is sent) and a receiver — an assistant, or a group chat manager with its agents
 * — either as {@code sender}/{@code receiver} objects or as an {@code agents} list with {@code link.agent_type}.
 * The receiver becomes an agent, or a supervisor delegating to the group's assistants; the task comes from START.
 */
final class AutoGenWorkflow {

    private AutoGenWorkflow() {
    }

    /** True for a 0.1 ({@code sender}, {@code receiver}) or 0.2 ({@code agents[].agent}, {@code link}) workflow. */
    static boolean is(JsonNode json) {
        if (json.path("sender").isObject() && json.path("receiver").isObject()) {
            return true;
        }
        JsonNode agents = json.path("agents");
        return agents.isArray() && !agents.isEmpty() && agents.get(0).path("agent").isObject()
                && agents.get(0).path("link").isObject();
    }

    static ImportResult read(Path source, JsonNode json, String format) throws ImportException {
        FlowDraft d = new FlowDraft(source.getFileName().toString());
        List<JsonNode> receivers = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (json.path("receiver").isObject()) {
            note(d, "sender", json.get("sender"));
            receivers.add(json.get("receiver"));
            paths.add("receiver");
        } else {
            JsonNode agents = json.get("agents");
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < agents.size(); i++) {
                String role = Sources.str(agents.get(i).path("link"), "agent_type");
                if (role.equals("sender")) {
                    note(d, "agents[" + i + "].agent", agents.get(i).path("agent"));
                } else if (agents.get(i).path("agent").isObject()) {
                    order.add(i);
                }
            }
            order.sort(Comparator.comparingInt(i -> agents.get(i).path("link").path("sequence_id").asInt(0)));
            for (int i : order) {
                receivers.add(agents.get(i).get("agent"));
                paths.add("agents[" + i + "].agent");
            }
        }
        if (receivers.isEmpty()) {
            throw new ImportException(source + ": the AutoGen workflow has no receiver agent to import");
        }
        String prev = d.add(AgentNode.of("task", NodeKind.START, "Task")
                .withInstructions("The task given to the workflow.")).id();
        for (int i = 0; i < receivers.size(); i++) {
            AgentNode node = receiver(d, paths.get(i), receivers.get(i));
            d.connect(EdgeKind.NEXT, prev, node.id());
            prev = node.id();
        }
        AgentNode output = d.add(AgentNode.of("result", NodeKind.OUTPUT, "Result"));
        d.connect(EdgeKind.NEXT, prev, output.id());
        String name = Sources.str(json, "name").isEmpty() ? "autogen-workflow" : Sources.str(json, "name");
        String description = Sources.str(json, "description");
        return ImportResult.of(format, d.build(name, name + " (imported from AutoGen Studio)",
                (description.isEmpty() ? "" : description + ". ") + "Imported from an AutoGen Studio 0.2 workflow.",
                true), d.notes);
    }

    /** The sender: the task comes from START; its code execution is not carried over. */
    private static void note(FlowDraft d, String path, JsonNode sender) {
        String name = Sources.str(sender.path("config"), "name");
        d.note(path, "the sender '" + (name.isEmpty() ? "user proxy" : name) + "'", "the task comes from the START"
                + " node; running the code the agents write (its code_execution_config) is not carried over");
    }

    private static AgentNode receiver(FlowDraft d, String path, JsonNode agent) {
        if (!Sources.str(agent, "type").equals("groupchat")) {
            return member(d, path, agent);
        }
        JsonNode cfg = agent.path("config");
        String name = Sources.str(cfg, "name").isEmpty() ? "group_chat_manager" : Sources.str(cfg, "name");
        AgentNode lead = AgentNode.of(d.id(name), NodeKind.SUPERVISOR, CrewAiImporter.humanize(name))
                .withRole("Manages the group chat: picks who speaks next")
                .withGoal("Move the task forward by choosing the right member at each step")
                .withInstructions(Sources.str(cfg, "system_message"));
        ModelRef model = model(d, path + ".config.llm_config", cfg.path("llm_config"), agent.path("models"));
        d.add(model == null ? lead : lead.withModel(model));
        // 0.1 keeps the members under groupchat_config, 0.2 under the agent itself
        JsonNode members = agent.path("groupchat_config").path("agents");
        String at = path + ".groupchat_config.agents";
        if (!members.isArray() || members.isEmpty()) {
            members = agent.path("agents");
            at = path + ".agents";
        }
        int delegated = 0;
        for (int i = 0; i < members.size(); i++) {
            JsonNode m = members.get(i);
            String memberName = Sources.str(m.path("config"), "name");
            if (Sources.str(m, "type").equals("userproxy")) {
                d.note(at + "[" + i + "]", "the user proxy '" + memberName + "' in the group", "left out: it runs"
                        + " the code the others write, which Baton does not");
                continue;
            }
            AgentNode worker = member(d, at + "[" + i + "]", m);
            d.add(Edge.delegates(d.id(lead.id() + "-to-" + worker.id()), lead.id(), worker.id()));
            delegated++;
        }
        if (delegated == 0) {
            d.note(at, "a group chat with no assistant", "the manager works alone");
        }
        JsonNode rounds = cfg.has("max_round") ? cfg.get("max_round") : agent.path("groupchat_config").get("max_round");
        d.note(path, "a group chat (speaker selection '" + Sources.str(cfg, "speaker_selection_method")
                + Sources.str(agent.path("groupchat_config"), "speaker_selection_method") + "'"
                + (rounds == null ? "" : ", max_round " + rounds.asText()) + ")", "a supervisor delegating to its"
                + " assistants with the manager's system message");
        return lead;
    }

    private static AgentNode member(FlowDraft d, String path, JsonNode agent) {
        JsonNode cfg = agent.path("config");
        String name = Sources.str(cfg, "name").isEmpty() ? "assistant" : Sources.str(cfg, "name");
        String type = Sources.str(agent, "type");
        if (!type.isEmpty() && !type.equals("assistant")) {
            d.note(path, "the agent type " + type, "imported as a plain agent");
        }
        AgentNode node = AgentNode.of(d.id(name), NodeKind.AGENT, CrewAiImporter.humanize(name))
                .withRole(Sources.str(cfg, "description").isEmpty() ? Sources.str(agent, "description")
                        : Sources.str(cfg, "description"))
                .withInstructions(Sources.str(cfg, "system_message"));
        ModelRef model = model(d, path + ".config.llm_config", cfg.path("llm_config"), agent.path("models"));
        if (model != null) {
            node = node.withModel(model);
        }
        List<String> offered = new ArrayList<>();
        JsonNode skills = agent.path("skills");
        for (int i = 0; i < skills.size(); i++) {
            String skill = Sources.str(skills.get(i), "name");
            BuiltInTools.carry(d, path + ".skills[" + i + "]", skill, skill, offered,
                    " (a skill is Python code, never run)");
        }
        if (!Sources.str(cfg, "human_input_mode").isEmpty() && !Sources.str(cfg, "human_input_mode").equals("NEVER")) {
            d.note(path + ".config.human_input_mode", "human_input_mode " + Sources.str(cfg, "human_input_mode"),
                    "not carried over; add a HUMAN node where a person should answer");
        }
        return d.add(offered.isEmpty() ? node : node.withTools(offered));
    }

    /** The first model of {@code llm_config.config_list} (else of the agent's {@code models}); null when none. */
    private static ModelRef model(FlowDraft d, String path, JsonNode llmConfig, JsonNode models) {
        JsonNode entry = llmConfig.path("config_list").path(0);
        if (!entry.isObject()) {
            entry = models.path(0);
        }
        String model = Sources.str(entry, "model");
        if (model.isEmpty()) {
            return null;
        }
        String api = Sources.str(entry, "api_type").toLowerCase(Locale.ROOT).replace("_", "");
        String base = Sources.str(entry, "base_url");
        Double temperature = llmConfig.path("temperature").isNumber() ? llmConfig.get("temperature").asDouble()
                : null;
        ModelRef ref = switch (api) {
            case "anthropic" -> new ModelRef(ModelRef.ANTHROPIC, model, null, temperature);
            case "google", "gemini" -> new ModelRef(ModelRef.GEMINI, model, null, temperature);
            case "ollama" -> new ModelRef(ModelRef.OLLAMA, model, base.isEmpty() ? null : base, temperature);
            default -> base.isEmpty() && !api.equals("azure")
                    ? new ModelRef(ModelRef.OPENAI, model, null, temperature)
                    : new ModelRef(ModelRef.OPENAI_COMPATIBLE, model, base.isEmpty() ? null : base, temperature);
        };
        if (api.equals("azure")) {
            d.note(path, "an Azure OpenAI model (" + model + ")", "mapped to openai-compatible with its base_url;"
                    + " check the endpoint path and api_version");
        }
        if (entry.has("api_key")) {
            String variable = ModelNames.keyVariable(ref.provider());
            d.note(path, "the model's api_key", "not copied; " + (variable.isEmpty() ? "this provider needs no key"
                    : "set " + variable + " in the environment or ~/.baton/credentials"));
        }
        return ref;
    }
}
