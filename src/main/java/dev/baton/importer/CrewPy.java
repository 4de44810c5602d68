package dev.baton.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the importer reads from a crew's Python file ({@code crew.py}, or the module beside {@code config/} in a
 * CrewAI Flow), as text only (it is never run): whether the process is hierarchical, the manager's model, and each
 * {@code Agent(…)} and {@code Task(…)} it builds — which YAML entry each uses, the task's agent, {@code context=[…]},
 * {@code async_execution}, {@code human_input}, tools and models. A {@code @CrewBase} crew binds its tasks to agents
 * here rather than in tasks.yaml, so without this the agents' role, goal and backstory would be lost. Comments and
 * triple-quoted strings are blanked first: the project template ships {@code # process=Process.hierarchical}.
 */
final class CrewPy {

    /**
     * An {@code Agent(…)}: the method or variable holding it, its agents.yaml key (named in the call when
     * {@code fromConfig}, else taken to be the owner's name), tools and model.
     */
    record AgentDef(String owner, String configKey, boolean fromConfig, List<String> tools, String llm) {
    }

    /** A {@code Task(…)}: the method or variable holding it, its tasks.yaml key, agent, context and flags. */
    record TaskDef(String owner, String configKey, boolean fromConfig, String agent, List<String> context,
                   boolean async, boolean human, List<String> tools) {
    }

    /** At most this many Agent(…)/Task(…) calls are read, each over at most MAX_CALL_CHARS characters. */
    private static final int MAX_CALLS = 500;
    private static final int MAX_CALL_CHARS = 20_000;
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^[ \\t]*(?:self\\.)?(\\w+)\\s*=(?!=)\\s*");
    private static final Pattern HIERARCHICAL = Pattern.compile("process\\s*=\\s*Process\\.hierarchical");
    private static final Pattern MANAGER_LLM = Pattern.compile("manager_llm\\s*=\\s*");
    private static final Pattern CALL = Pattern.compile("(?<![\\w.])(Agent|Task)\\s*\\(");
    private static final Pattern DEF = Pattern.compile("(?m)^[ \\t]*def\\s+(\\w+)\\s*\\(");
    private static final Pattern ASSIGNED = Pattern.compile("(\\w+)\\s*=\\s*$");
    private static final Pattern CONFIG_KEY = Pattern.compile("_config\\s*\\[\\s*[\"'](\\w+)[\"']\\s*\\]");
    private static final Pattern AGENT_REF = Pattern.compile("(?<![\\w.])agent\\s*=\\s*(?:self\\.)?(\\w+)");
    private static final Pattern REF = Pattern.compile("^(?:self\\.)?(\\w+)\\s*(?:\\(\\s*\\))?$");
    private static final Pattern CONSTRUCTED = Pattern.compile("^([A-Za-z_][\\w.]*)\\s*\\(");
    private static final Pattern ASYNC = Pattern.compile("async_execution\\s*=\\s*True");
    private static final Pattern HUMAN = Pattern.compile("human_input\\s*=\\s*True");
    private static final Pattern MODEL_ARG = Pattern.compile("(?:model|model_name)\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern FIRST_STRING = Pattern.compile("^\\s*[\"']([^\"']+)[\"']");
    /** Model classes a crew's code builds, by the provider prefix of their model names. */
    private static final Map<String, String> MODEL_CLASSES = Map.of("ChatOpenAI", "openai", "OpenAI", "openai",
            "Ollama", "ollama", "ChatOllama", "ollama", "OllamaLLM", "ollama", "ChatAnthropic", "anthropic",
            "ChatGoogleGenerativeAI", "gemini", "ChatGroq", "groq", "AzureChatOpenAI", "azure");

    final boolean hierarchical;
    final String managerLlm;
    /** The method or variable of {@code manager_agent=…}, or null. */
    final String managerAgent;
    final Map<String, AgentDef> agents = new LinkedHashMap<>();
    final Map<String, TaskDef> tasks = new LinkedHashMap<>();
    /** The module's file name, for the report. */
    final String file;
    private final String code;
    /** Where each {@code NAME = …} (or {@code self.NAME = …}) starts its value, by NAME, in source order. */
    private final Map<String, List<Integer>> assignments = new LinkedHashMap<>();
    /** Each {@code def NAME(}: its offset and name, in source order. */
    private final List<Map.Entry<Integer, String>> defs = new ArrayList<>();

    CrewPy(String text, String file) {
        this.file = file;
        code = blankCommentsAndDocstrings(text);
        Matcher a = ASSIGNMENT.matcher(code);
        while (a.find()) {
            assignments.computeIfAbsent(a.group(1), k -> new ArrayList<>()).add(a.end());
        }
        Matcher def = DEF.matcher(code);
        while (def.find()) {
            defs.add(Map.entry(def.start(), def.group(1)));
        }
        hierarchical = HIERARCHICAL.matcher(code).find();
        Matcher m = MANAGER_LLM.matcher(code);
        managerLlm = m.find() ? model(expression(code, m.end())) : null;
        Matcher manager = Pattern.compile("manager_agent\\s*=\\s*(?:self\\.)?(\\w+)").matcher(code);
        managerAgent = manager.find() ? manager.group(1) : null;
        Matcher call = CALL.matcher(code);
        int calls = 0;
        // a crew builds a few agents and tasks; a bound keeps a generated or hostile module from taking minutes
        while (call.find() && calls++ < MAX_CALLS) {
            int open = call.end() - 1;
            String args = code.substring(open + 1, Math.max(open + 1, close(code, open) - 1));
            String owner = owner(call.start());
            Matcher key = CONFIG_KEY.matcher(args);
            boolean fromConfig = key.find();
            String configKey = fromConfig ? key.group(1) : owner;
            List<String> tools = tools(args);
            if (call.group(1).equals("Agent")) {
                Matcher llm = Pattern.compile("(?<![\\w.])llm\\s*=\\s*").matcher(args);
                agents.put(owner, new AgentDef(owner, configKey, fromConfig, tools,
                        llm.find() ? model(expression(args, llm.end())) : null));
            } else {
                Matcher agent = AGENT_REF.matcher(args);
                Matcher ctx = Pattern.compile("context\\s*=\\s*\\[").matcher(args);
                List<String> context = null;
                if (ctx.find()) {
                    context = new ArrayList<>();
                    for (String item : items(args, ctx.end() - 1)) {
                        Matcher r = REF.matcher(item);
                        if (r.matches()) {
                            context.add(r.group(1));
                        }
                    }
                }
                tasks.put(owner, new TaskDef(owner, configKey, fromConfig, agent.find() ? agent.group(1) : null,
                        context, ASYNC.matcher(args).find(), HUMAN.matcher(args).find(), tools));
            }
        }
    }

    static CrewPy empty() {
        return new CrewPy("", "crew.py");
    }

    /** The Task(…) that reads the tasks.yaml entry {@code key}, or is held by a method or variable of that name. */
    TaskDef task(String key) {
        for (TaskDef t : tasks.values()) {
            if (key.equals(t.configKey())) {
                return t;
            }
        }
        return tasks.get(key);
    }

    /** The Agent(…) held by the method or variable {@code owner}, or that reads the agents.yaml entry of that name. */
    AgentDef agent(String owner) {
        AgentDef a = agents.get(owner);
        if (a != null) {
            return a;
        }
        for (AgentDef d : agents.values()) {
            if (owner.equals(d.configKey())) {
                return d;
            }
        }
        return null;
    }

    /** The tasks.yaml key of a task named in code (its method or variable), or the name itself. */
    String taskKey(String owner) {
        TaskDef t = tasks.get(owner);
        return t == null ? owner : t.configKey();
    }

    /** The enclosing {@code def NAME(} of a call, or the variable it is assigned to ({@code NAME = Agent(}). */
    private String owner(int at) {
        int lineStart = Math.max(code.lastIndexOf('\n', at - 1) + 1, at - 200);
        Matcher assigned = ASSIGNED.matcher(code.substring(lineStart, at));
        if (assigned.find()) {
            return assigned.group(1);
        }
        String name = "";
        for (Map.Entry<Integer, String> def : defs) {
            if (def.getKey() >= at) {
                break;
            }
            name = def.getValue();
        }
        return name;
    }

    /** The items of the list {@code tools=[…]} in {@code args}, as class names where they are built or assigned. */
    private List<String> tools(String args) {
        Matcher t = Pattern.compile("(?<![\\w.])tools\\s*=\\s*\\[").matcher(args);
        List<String> out = new ArrayList<>();
        if (!t.find()) {
            return out;
        }
        for (String item : items(args, t.end() - 1)) {
            Matcher built = CONSTRUCTED.matcher(item);
            Matcher ref = REF.matcher(item);
            if (built.find()) {
                out.add(last(built.group(1)));
            } else if (ref.matches()) {
                String built2 = null;
                for (int at : assignments.getOrDefault(ref.group(1), List.of())) {
                    Matcher c = CONSTRUCTED.matcher(code.substring(at, Math.min(code.length(), at + 200)));
                    if (c.find()) {
                        built2 = last(c.group(1));
                        break;
                    }
                }
                out.add(built2 != null ? built2 : ref.group(1));
            } else if (!item.isBlank()) {
                out.add(item.strip());
            }
        }
        return out;
    }

    /**
     * A model expression as a LiteLLM-style name: {@code "gpt-4o"}, {@code LLM(model="groq/…")},
     * {@code ChatOpenAI(model="gpt-4")} → "openai/gpt-4", or a variable ({@code self.llm}, {@code llm}) assigned
     * one of those; null when the text says nothing the importer can read.
     */
    private String model(String expression) {
        String e = expression.strip();
        Matcher literal = FIRST_STRING.matcher(e);
        if (literal.find() && literal.start() == 0 && !e.contains("(")) {
            return literal.group(1);
        }
        Matcher built = CONSTRUCTED.matcher(e);
        if (built.find()) {
            int open = e.indexOf('(', built.start());
            String args = e.substring(open + 1, Math.max(open + 1, close(e, open) - 1));
            Matcher name = MODEL_ARG.matcher(args);
            Matcher first = FIRST_STRING.matcher(args);
            String model = name.find() ? name.group(1) : first.find() ? first.group(1) : null;
            String prefix = MODEL_CLASSES.get(last(built.group(1)));
            return model == null ? null : prefix == null || model.contains("/") ? model : prefix + "/" + model;
        }
        Matcher ref = REF.matcher(e);
        if (ref.matches()) {
            for (int at : assignments.getOrDefault(ref.group(1), List.of())) {
                String assigned = expression(code, at);
                if (!REF.matcher(assigned.strip()).matches()) {
                    return model(assigned);
                }
            }
        }
        return null;
    }

    private static String last(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    /** The expression starting at {@code from}: up to the first comma, newline or closing bracket at depth 0. */
    private static String expression(String text, int from) {
        int depth = 0;
        int end = Math.min(text.length(), from + MAX_CALL_CHARS);
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) {
                    return text.substring(from, i);
                }
            } else if (c == '"' || c == '\'') {
                i = quoteEnd(text, c, i, end);
            } else if (depth == 0 && (c == ',' || c == '\n')) {
                return text.substring(from, i);
            }
        }
        return text.substring(from, end);
    }

    /** The top-level items of the bracketed list opening at {@code open}. */
    private static List<String> items(String text, int open) {
        List<String> out = new ArrayList<>();
        int end = close(text, open) - 1;
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '"' || c == '\'') {
                i = quoteEnd(text, c, i, end);
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        String tail = text.substring(Math.min(start, end), Math.max(start, end)).strip();
        if (!tail.isEmpty()) {
            out.add(tail);
        }
        return out;
    }

    /** The index of the quote closing the one at {@code open}, looking no further than {@code end}. */
    private static int quoteEnd(String text, char quote, int open, int end) {
        for (int i = open + 1; i < end; i++) {
            if (text.charAt(i) == quote) {
                return i;
            }
        }
        return end;
    }

    /** The index just past the bracket matching the one at {@code open} (the text's end when unbalanced). */
    private static int close(String text, int open) {
        int depth = 0;
        int end = Math.min(text.length(), open + MAX_CALL_CHARS);
        for (int i = open; i < end; i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (c == '"' || c == '\'') {
                i = quoteEnd(text, c, i, end);
            }
        }
        return end;
    }

    /**
     * The text with comments and triple-quoted strings replaced by spaces (line breaks kept), so that commented-out
     * code ({@code # process=Process.hierarchical}) and docstrings are not read as the crew's settings.
     */
    static String blankCommentsAndDocstrings(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if ((c == '"' || c == '\'') && text.startsWith(String.valueOf(c).repeat(3), i)) {
                String quote = String.valueOf(c).repeat(3);
                int end = text.indexOf(quote, i + 3);
                end = end < 0 ? n : end + 3;
                for (int k = i; k < end; k++) {
                    if (text.charAt(k) != '\n') {
                        out.setCharAt(k, ' ');
                    }
                }
                i = end;
            } else if (c == '"' || c == '\'') {
                int k = i + 1;
                while (k < n && text.charAt(k) != c && text.charAt(k) != '\n') {
                    k += text.charAt(k) == '\\' ? 2 : 1;
                }
                i = Math.min(n, k + 1);
            } else {
                i++;
            }
        }
        return out.toString();
    }
}
