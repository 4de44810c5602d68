package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Limits;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.OnExhausted;
import dev.baton.flow.ReviewPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a CrewAI crew from its {@code agents.yaml} and {@code tasks.yaml} (the {@code config/} folder, or a project
 * that has one), reading {@code crew.py} beside them only as text. Each task becomes an agent node carrying its
 * agent's role, goal and backstory; the process decides the wiring (sequential: a chain with context joins and async
 * branches; hierarchical: a manager supervisor delegating to the agents).
 */
final class CrewAiImporter implements Importer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    /** Tools Baton has built in under the same name; none yet, so every tool is reported. */
    private static final Set<String> AGENT_KEYS = Set.of("role", "goal", "backstory", "llm", "tools");
    private static final Set<String> TASK_KEYS = Set.of("description", "expected_output", "agent", "context",
            "async_execution", "human_input", "guardrail", "guardrails", "guardrail_max_retries", "tools");

    @Override
    public String format() {
        return "crewai";
    }

    @Override
    public String whyNot(Path source) {
        try {
            CrewFolders.locate(source);
            return null;
        } catch (ImportException e) {
            return e.getMessage();
        }
    }

    /** A folder of several crews, or of a crew in Python only, is a CrewAI project: its reason alone is given. */
    @Override
    public boolean recognises(Path source) {
        String why = whyNot(source);
        return why != null && (why.contains(" CrewAI crews under ") || why.startsWith("a crew built in Python"));
    }

    @Override
    public ImportResult read(Path source) throws ImportException {
        CrewFolders.Located at = CrewFolders.locate(source);
        JsonNode agents = Sources.yaml(at.agents());
        JsonNode tasks = Sources.yaml(at.tasks());
        if (!agents.isObject() || agents.isEmpty()) {
            throw new ImportException(at.agents() + ": expected a mapping of agent names to their role, goal and"
                    + " backstory");
        }
        if (!tasks.isObject() || tasks.isEmpty()) {
            throw new ImportException(at.tasks() + ": expected a mapping of task names to their description and"
                    + " expected_output");
        }
        CrewPy py = at.crewPy() == null ? CrewPy.empty()
                : new CrewPy(Sources.text(at.crewPy()), at.crewPy().getFileName().toString());
        String tasksFile = at.tasks().getFileName().toString();
        String agentsFile = at.agents().getFileName().toString();
        FlowDraft d = new FlowDraft(tasksFile);
        Set<String> placeholders = new LinkedHashSet<>();
        collect(agents, placeholders);
        collect(tasks, placeholders);
        noteUnmappedAgentKeys(d, agentsFile, agents);

        AgentNode start = d.add(AgentNode.of(d.id("inputs"), NodeKind.START, "Crew inputs"));
        AgentNode output = AgentNode.of("crew-output", NodeKind.OUTPUT, "Crew output");
        Map<String, String> taskNode = new LinkedHashMap<>();
        Map<String, String> tail = new LinkedHashMap<>();
        int maxRetries = 0;
        Iterator<Map.Entry<String, JsonNode>> it = tasks.fields();
        List<Map.Entry<String, JsonNode>> ordered = new ArrayList<>();
        it.forEachRemaining(ordered::add);
        for (Map.Entry<String, JsonNode> t : ordered) {
            String key = t.getKey();
            JsonNode task = t.getValue();
            if (!task.isObject()) {
                d.note(key, "a task that is not a mapping", "left out");
                continue;
            }
            CrewPy.TaskDef code = py.task(key);
            String agentName = Sources.str(task, "agent");
            if (agentName.isEmpty() && code != null && code.agent() != null) {
                agentName = code.agent();
            }
            // tasks.yaml's agent: and crew.py's agent=self.m() name the @agent method; it reads its own YAML entry
            CrewPy.AgentDef agentCode = agentName.isEmpty() ? null : py.agent(agentName);
            String agentKey = agents.has(agentName) || agentCode == null ? agentName : agentCode.configKey();
            JsonNode agent = agents.get(agentKey);
            if (agentName.isEmpty() && !py.hierarchical) {
                d.note(key + ".agent", "a task that names no agent (in " + tasksFile + " or the crew's code)",
                        "the task's node has no role, goal or backstory");
            } else if (agent == null) {
                d.note(key + ".agent", "the agent '" + agentName + "' is not in " + agentsFile,
                        "the task's node has no role, goal or backstory");
            }
            AgentNode node = taskNode(d, key, task, agent == null ? null : agentKey, agent, agentsFile);
            node = fromCode(d, py, node, agentCode, code, agent == null || !agent.has("llm"));
            d.add(node);
            taskNode.put(key, node.id());
            tail.put(key, node.id());
            noteUnmappedTaskKeys(d, key, task);
            if (!py.hierarchical) {
                if (task.path("human_input").asBoolean(false) || code != null && code.human()) {
                    AgentNode human = d.add(AgentNode.of(d.id(key + "-review"), NodeKind.HUMAN,
                            "Review: " + node.name()).withInstructions("Review the output of '" + node.name()
                            + "'. Answer with your feedback, or 'ok'."));
                    d.connect(EdgeKind.NEXT, node.id(), human.id());
                    tail.put(key, human.id());
                    d.note(key + ".human_input", "human_input: true",
                            "a HUMAN step after the task; the person's answer goes on with the task's output in"
                                    + " the history (the agent does not revise on it)");
                }
                String rubric = guardrail(d, key, task);
                if (!rubric.isEmpty()) {
                    int retries = task.path("guardrail_max_retries").asInt(3);
                    maxRetries = Math.max(maxRetries, retries);
                    AgentNode critic = d.add(AgentNode.of(d.id(key + "-guardrail"), NodeKind.CRITIC,
                            "Guardrail: " + node.name()).withCritic(new CriticSpec(rubric, List.of())));
                    d.add(Edge.reviews(d.id(key + "-guardrail-reviews"), critic.id(), node.id(),
                            new ReviewPolicy(retries, OnExhausted.FAIL)));
                    d.note(key + ".guardrail", "guardrail: " + clip(rubric), "a critic with it as rubric, "
                            + retries + " retries, then the run fails (as CrewAI's guardrail_max_retries)");
                }
            }
        }
        if (taskNode.isEmpty()) {
            throw new ImportException(at.tasks() + ": no task could be read");
        }
        if (maxRetries > Limits.DEFAULT.maxCriticRetries()) {
            Limits l = d.limits;
            d.limits = new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(), maxRetries, l.agentTimeout(),
                    l.runDeadline(), l.tokenBudget());
        }
        d.add(output);
        if (py.hierarchical) {
            CrewProcess.hierarchical(d, py, agents, ordered, taskNode, start.id(), output.id());
        } else {
            CrewProcess.sequential(d, py, ordered, taskNode, tail, start.id(), output.id());
        }
        d.replace(start.withInstructions(placeholders.isEmpty() ? "The request for the crew."
                : "The crew's inputs: " + String.join(", ", placeholders) + ". Give each in the run input, e.g. '"
                + placeholders.iterator().next() + ": …'."));
        if (!placeholders.isEmpty()) {
            d.note("", "placeholders " + placeholders.stream().map(p -> "{" + p + "}").toList(),
                    "named in the START node; Baton does not fill them in, the texts keep them as written and"
                            + " the run input supplies the values");
        }
        // what the module builds from a YAML entry that is not there: CrewAI itself would fail on it
        for (CrewPy.TaskDef t : py.tasks.values()) {
            if (t.fromConfig() && !tasks.has(t.configKey())) {
                d.note(py.file, t.owner(), "a Task(…) of the entry '" + t.configKey() + "', which " + tasksFile
                        + " does not have", "left out");
            }
        }
        for (CrewPy.AgentDef a : py.agents.values()) {
            if (a.fromConfig() && !agents.has(a.configKey())) {
                d.note(py.file, a.owner(), "an Agent(…) of the entry '" + a.configKey() + "', which " + agentsFile
                        + " does not have", "left out");
            }
        }
        String name = crewName(at);
        if (at.flowModule() != null) {
            d.note(at.flowModule().getFileName().toString(), "", "a CrewAI Flow (@start, @listen) around the crew",
                    "only the crew '" + name + "' is imported; the Flow's own steps, state and routing are not"
                            + " carried over");
        }
        return ImportResult.of(format(), d.build(name, name + " (imported from CrewAI)",
                "Imported from the CrewAI crew in " + at.tasks().getParent() + ". Process: "
                        + (py.hierarchical ? "hierarchical" : "sequential") + ".", true), d.notes);
    }

    private static String crewName(CrewFolders.Located at) {
        Path config = at.tasks().getParent();
        Path project = config.getFileName() != null && config.getFileName().toString().equals("config")
                && config.getParent() != null ? config.getParent() : config;
        return project.getFileName() == null ? "crew" : project.getFileName().toString();
    }

    private AgentNode taskNode(FlowDraft d, String key, JsonNode task, String agentName, JsonNode agent,
                               String agentsFile) {
        String description = Sources.str(task, "description");
        String backstory = Sources.str(agent, "backstory");
        String instructions = (backstory.isEmpty() ? "" : backstory + "\n\n") + "Your task:\n" + description;
        AgentNode node = AgentNode.of(d.id(key), NodeKind.AGENT, humanize(key))
                .withRole(Sources.str(agent, "role")).withGoal(Sources.str(agent, "goal"))
                .withInstructions(instructions.strip()).withExpectedOutput(Sources.str(task, "expected_output"));
        String llm = Sources.str(agent, "llm");
        if (llm.isEmpty() && agent != null && agent.path("llm").isObject()) {
            // the longer form: llm: {model: provider/model, temperature: …}
            llm = Sources.str(agent.get("llm"), "model");
        }
        if (!llm.isEmpty()) {
            ModelRef model = ModelNames.fromLiteLlm(llm);
            if (model == null) {
                d.note(agentsFile, agentName + ".llm", "the model '" + llm + "'",
                        "no Baton provider for it; the node uses the flow's default model");
            } else {
                node = node.withModel(model);
            }
        }
        List<String> tools = new ArrayList<>();
        tools(d, agentsFile, agentName == null ? "" : agentName + ".tools", agent, tools);
        tools(d, d.file, key + ".tools", task, tools);
        return node.withTools(tools);
    }

    private static void tools(FlowDraft d, String file, String path, JsonNode owner, List<String> out) {
        JsonNode list = owner == null ? null : owner.get("tools");
        if (list == null || !list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String tool = list.get(i).asText("");
            if (BuiltInTools.OFFERED.contains(tool)) {
                // the agent and its task may both list it: one tool on the node, in the order first named
                if (!out.contains(tool)) {
                    out.add(tool);
                }
            } else {
                d.note(file, path + "[" + i + "]", "the tool '" + tool + "'", BuiltInTools.notCarried(tool));
            }
        }
    }

    private static String guardrail(FlowDraft d, String key, JsonNode task) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("guardrail", "guardrails")) {
            JsonNode g = task.get(field);
            if (g == null || g.isNull()) {
                continue;
            }
            if (g.isTextual()) {
                parts.add(g.asText().strip());
            } else if (g.isArray()) {
                for (int i = 0; i < g.size(); i++) {
                    if (g.get(i).isTextual()) {
                        parts.add(g.get(i).asText().strip());
                    } else {
                        d.note(key + "." + field + "[" + i + "]", "a guardrail that is not text", "left out");
                    }
                }
            } else {
                d.note(key + "." + field, "a guardrail that is not text", "left out");
            }
        }
        return String.join("; ", parts);
    }

    /** The tools and model the crew's code gives a task's agent (and the task), where the YAML did not. */
    private static AgentNode fromCode(FlowDraft d, CrewPy py, AgentNode node, CrewPy.AgentDef agent,
                                      CrewPy.TaskDef task, boolean yamlHasNoLlm) {
        String file = py.file;
        List<String> tools = new ArrayList<>(node.tools());
        if (agent != null) {
            for (int i = 0; i < agent.tools().size(); i++) {
                String tool = agent.tools().get(i);
                BuiltInTools.carry(d, file, agent.owner() + ".tools[" + i + "]", tool, tool, tools,
                        " (set in " + file + ", whose code is never run)");
            }
            if (yamlHasNoLlm && agent.llm() != null) {
                ModelRef model = ModelNames.fromLiteLlm(agent.llm());
                if (model == null) {
                    d.note(file, agent.owner() + ".llm", "the model '" + agent.llm() + "'",
                            "no Baton provider for it; the node uses the flow's default model");
                } else {
                    node = node.withModel(model);
                }
            }
        }
        if (task != null) {
            for (int i = 0; i < task.tools().size(); i++) {
                String tool = task.tools().get(i);
                BuiltInTools.carry(d, file, task.owner() + ".tools[" + i + "]", tool, tool, tools,
                        " (set in " + file + ", whose code is never run)");
            }
        }
        return tools.equals(node.tools()) ? node : node.withTools(tools);
    }

    private static void noteUnmappedAgentKeys(FlowDraft d, String file, JsonNode agents) {
        agents.fields().forEachRemaining(a -> {
            if (!a.getValue().isObject()) {
                d.note(file, a.getKey(), "an agent that is not a mapping", "left out");
                return;
            }
            a.getValue().fieldNames().forEachRemaining(k -> {
                if (!AGENT_KEYS.contains(k)) {
                    d.note(file, a.getKey() + "." + k, k + ": " + clip(a.getValue().get(k).toString()),
                            "no Baton equivalent; left out");
                }
            });
        });
    }

    private static void noteUnmappedTaskKeys(FlowDraft d, String key, JsonNode task) {
        task.fieldNames().forEachRemaining(k -> {
            if (!TASK_KEYS.contains(k)) {
                d.note(key + "." + k, k + ": " + clip(task.get(k).toString()), "no Baton equivalent; left out");
            }
        });
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(node.asText());
            while (m.find()) {
                out.add(m.group(1));
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        }
    }

    static String humanize(String key) {
        String s = key.replace('_', ' ').replace('-', ' ').strip();
        return s.isEmpty() ? key : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
