package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A crew's process as edges: sequential (a chain, with context joins and async branches) or hierarchical (a manager
 * supervisor delegating to one worker per task).
 */
final class CrewProcess {

    private CrewProcess() {
    }

    static void sequential(FlowDraft d, CrewPy py, List<Map.Entry<String, JsonNode>> ordered,
                                   Map<String, String> taskNode, Map<String, String> tail, String start,
                                   String output) {
        String anchor = start;
        List<String> pending = new ArrayList<>();
        String last = null;
        Set<String> consumed = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> t : ordered) {
            String key = t.getKey();
            String node = taskNode.get(key);
            if (node == null) {
                continue;
            }
            List<String> context = context(t.getValue(), py, key);
            CrewPy.TaskDef code = py.task(key);
            boolean async = t.getValue().path("async_execution").asBoolean(false) || code != null && code.async();
            if (context != null) {
                boolean any = false;
                for (String c : context) {
                    if (tail.containsKey(c) && taskNode.containsKey(c)) {
                        d.connect(EdgeKind.NEXT, tail.get(c), node);
                        consumed.add(c);
                        pending.remove(tail.get(c));
                        any = true;
                    } else {
                        d.note(key + ".context", "context names '" + c + "', which is not an earlier task",
                                "left out");
                    }
                }
                if (!any) {
                    d.connect(EdgeKind.NEXT, start, node);
                }
            } else {
                d.connect(EdgeKind.NEXT, anchor, node);
                if (!async) {
                    // a task after async ones waits for them: CrewAI hands their outputs to it as context
                    for (String p : pending) {
                        d.connect(EdgeKind.NEXT, p, node);
                    }
                    pending.clear();
                }
            }
            if (async) {
                pending.add(tail.get(key));
                d.note(key + ".async_execution", "async_execution: true",
                        "a parallel branch from the step before it, joined by the next task that waits for it");
            } else {
                anchor = tail.get(key);
            }
            last = key;
        }
        d.connect(EdgeKind.NEXT, tail.get(last), output);
        for (String p : pending) {
            if (!p.equals(tail.get(last))) {
                d.connect(EdgeKind.NEXT, p, output);
            }
        }
    }

    /** The task's context from tasks.yaml, else from crew.py, else null (the previous task). */
    private static List<String> context(JsonNode task, CrewPy py, String key) {
        JsonNode c = task.get("context");
        if (c != null && c.isArray()) {
            List<String> out = new ArrayList<>();
            c.forEach(v -> out.add(v.asText("")));
            return out;
        }
        CrewPy.TaskDef code = py.task(key);
        return code == null || code.context() == null ? null
                : code.context().stream().map(py::taskKey).toList();
    }

    static void hierarchical(FlowDraft d, CrewPy py, JsonNode agents,
                                     List<Map.Entry<String, JsonNode>> ordered, Map<String, String> taskNode,
                                     String start, String output) {
        StringBuilder plan = new StringBuilder("You manage a crew. Work through these tasks in order, delegating each"
                + " to the worker that fits it, then answer with the final result:\n");
        int i = 1;
        for (Map.Entry<String, JsonNode> t : ordered) {
            if (taskNode.containsKey(t.getKey())) {
                plan.append(i++).append(". ").append(Sources.str(t.getValue(), "description")
                        .replaceAll("\\s+", " ")).append('\n');
            }
        }
        AgentNode manager = AgentNode.of(d.id("manager"), NodeKind.SUPERVISOR, "Crew manager")
                .withRole("Manager of the crew who plans the work and delegates each task")
                .withGoal("Deliver the crew's result by delegating its tasks to the right workers")
                .withInstructions(plan.toString().strip());
        CrewPy.AgentDef custom = py.managerAgent == null ? null : py.agent(py.managerAgent);
        JsonNode own = custom == null ? null : agents.get(custom.configKey());
        if (own != null && own.isObject()) {
            // manager_agent=self.x(): the crew's own manager, with its role, goal and backstory
            manager = manager.withName(CrewAiImporter.humanize(custom.configKey())).withRole(Sources.str(own, "role"))
                    .withGoal(Sources.str(own, "goal")).withInstructions((Sources.str(own, "backstory") + "\n\n"
                            + plan).strip());
        }
        String llm = py.managerLlm != null ? py.managerLlm : custom != null ? custom.llm() : null;
        if (llm == null && own != null) {
            llm = Sources.str(own, "llm").isEmpty() ? null : Sources.str(own, "llm");
        }
        if (llm != null) {
            ModelRef m = ModelNames.fromLiteLlm(llm);
            if (m != null) {
                manager = manager.withModel(m);
            } else {
                d.note(py.file, "manager_llm", "the model '" + llm + "'", "no Baton provider for it; the manager"
                        + " uses the flow's default model");
            }
        }
        d.add(manager);
        d.connect(EdgeKind.NEXT, start, manager.id());
        d.connect(EdgeKind.NEXT, manager.id(), output);
        for (String node : taskNode.values()) {
            d.add(Edge.delegates(d.id(manager.id() + "-to-" + node), manager.id(), node));
        }
        d.note(py.file, "process", "process=Process.hierarchical",
                "a supervisor '" + manager.name() + "' delegating to one worker per task; context, async_execution,"
                        + " human_input and guardrails of the tasks are not used in this shape");
        if (llm == null) {
            d.note(py.file, "manager_llm", "no manager_llm found in the text", "the manager uses the flow's"
                    + " default model");
        }
    }
}
