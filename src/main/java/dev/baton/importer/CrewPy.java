package dev.baton.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the importer reads from a crew's {@code crew.py}, as text only (it is never run): whether the process is
 * hierarchical, the manager's model, and per task its {@code context=[…]}, {@code async_execution} and
 * {@code human_input} when they are set there rather than in tasks.yaml.
 */
final class CrewPy {

    private static final Pattern HIERARCHICAL = Pattern.compile("process\\s*=\\s*Process\\.hierarchical");
    private static final Pattern MANAGER_LLM = Pattern.compile("manager_llm\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern TASK_DEF = Pattern.compile("(?m)^\\s*def\\s+(\\w+)\\s*\\(\\s*self\\s*\\)[^:]*:");
    private static final Pattern CONTEXT = Pattern.compile("context\\s*=\\s*\\[([^\\]]*)\\]");
    private static final Pattern SELF_CALL = Pattern.compile("self\\.(\\w+)\\s*\\(\\s*\\)");
    private static final Pattern ASYNC = Pattern.compile("async_execution\\s*=\\s*True");
    private static final Pattern HUMAN = Pattern.compile("human_input\\s*=\\s*True");

    final boolean hierarchical;
    final String managerLlm;
    final Map<String, List<String>> context = new LinkedHashMap<>();
    final Map<String, Boolean> async = new LinkedHashMap<>();
    final Map<String, Boolean> human = new LinkedHashMap<>();

    CrewPy(String text) {
        hierarchical = HIERARCHICAL.matcher(text).find();
        Matcher m = MANAGER_LLM.matcher(text);
        managerLlm = m.find() ? m.group(1) : null;
        Matcher defs = TASK_DEF.matcher(text);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (defs.find()) {
            names.add(defs.group(1));
            spans.add(new int[] {defs.end(), text.length()});
        }
        for (int i = 0; i < spans.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            String body = text.substring(spans.get(i)[0], end);
            if (!body.contains("Task(")) {
                continue;
            }
            Matcher c = CONTEXT.matcher(body);
            if (c.find()) {
                List<String> refs = new ArrayList<>();
                Matcher call = SELF_CALL.matcher(c.group(1));
                while (call.find()) {
                    refs.add(call.group(1));
                }
                context.put(names.get(i), refs);
            }
            if (ASYNC.matcher(body).find()) {
                async.put(names.get(i), true);
            }
            if (HUMAN.matcher(body).find()) {
                human.put(names.get(i), true);
            }
        }
    }

    static CrewPy empty() {
        return new CrewPy("");
    }
}
