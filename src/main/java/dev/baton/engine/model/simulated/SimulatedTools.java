package dev.baton.engine.model.simulated;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the simulated model uses plain tools, deterministically: on its first turn it calls each offered tool the task
 * gives a reason for (the calculator for arithmetic in the input, read_file for a file name the input mentions,
 * current_time when the input asks for the date or time, write_file when the input asks to save to a named file),
 * all in one reply so that they run in parallel; once the
 * results are back it answers with them. The same input always gives the same calls.
 */
final class SimulatedTools {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two or more numbers joined by arithmetic operators, parentheses allowed: "12 * (3 + 4)". */
    private static final Pattern ARITHMETIC = Pattern.compile(
            "[(]*\\s*-?\\d+(?:[.,]\\d+)?\\s*[)]*(?:\\s*[-+*/^%]\\s*[(]*\\s*-?\\d+(?:[.,]\\d+)?\\s*[)]*)+");
    /** A relative file name with an extension: "invoices/acme.csv", "notes.txt". */
    private static final Pattern FILE = Pattern.compile(
            "(?<![\\w/.-])((?:[\\w-]+/)*[\\w-]+\\.(?:txt|md|csv|json|yaml|yml|xml|log|html|tsv))\\b");
    private static final Pattern OPERATOR = Pattern.compile("\\d\\s*[+*/^%]\\s*[-(\\d]|\\d\\s+-\\s+[(\\d]");
    /** "save the summary to notes.md", "write it into out/report.txt": the file to write. */
    private static final Pattern SAVE = Pattern.compile("\\b(?:save|write|store)\\b[^.\\n]{0,60}?\\b(?:to|as|into|in)\\s+"
            + "((?:[\\w-]+/)*[\\w-]+\\.(?:txt|md|csv|json))\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("\\b(today|current time|what time|date)\\b");
    private static final Set<String> SPECIAL = Set.of("delegate_to_", "handoff_to_", "route_to_");

    private SimulatedTools() {
    }

    /** True when the request offers at least one plain tool (not a delegation, handoff or route). */
    static boolean applies(List<ToolSpec> tools) {
        return tools.stream().anyMatch(SimulatedTools::plain);
    }

    private static boolean plain(ToolSpec t) {
        return SPECIAL.stream().noneMatch(t.name()::startsWith);
    }

    /** The tool results of this activation so far. */
    static List<ChatMessage.ToolResult> results(List<ChatMessage> messages) {
        List<ChatMessage.ToolResult> results = new ArrayList<>();
        messages.forEach(m -> {
            if (m instanceof ChatMessage.ToolResult r) {
                results.add(r);
            }
        });
        return results;
    }

    /**
     * The calls the task gives a reason for, in the order the tools are offered: what the input asks, else what the
     * agent's own instructions name (a file it is told to read, the sum it is told to work out); none when none fits.
     * An MCP server's tool also looks at the agent's {@code system} prompt (see {@link SimulatedServerTools}).
     */
    static List<ToolCall> calls(List<ToolSpec> tools, String input, String instructions, String system) {
        List<ToolCall> calls = callsWith(tools, system, input);
        return calls.isEmpty() && instructions != null && !instructions.isBlank()
                ? callsWith(tools, system, instructions) : calls;
    }

    /** The calls {@code input} gives a reason for, in the order the tools are offered; none when none fits. */
    static List<ToolCall> calls(List<ToolSpec> tools, String input) {
        return callsWith(tools, "", input);
    }

    /**
     * As {@link #calls(List, String)}; an MCP server's tool also looks at the agent's {@code instructions} (see
     * {@link SimulatedServerTools}).
     */
    private static List<ToolCall> callsWith(List<ToolSpec> tools, String instructions, String input) {
        List<ToolCall> calls = new ArrayList<>();
        for (ToolSpec tool : tools) {
            if (!plain(tool)) {
                continue;
            }
            List<Map<String, Object>> all = SimulatedServerTools.isServerTool(tool)
                    ? SimulatedServerTools.arguments(tool, instructions, input).map(List::of).orElse(List.of())
                    : argumentsFor(tool.name(), input);
            for (Map<String, Object> args : all) {
                ObjectNode node = JSON.valueToTree(args);
                Map<String, String> strings = new java.util.TreeMap<>();
                args.forEach((k, v) -> strings.put(k, String.valueOf(v)));
                calls.add(new ToolCall("call_sim_" + (calls.size() + 1), tool.name(), strings, node.toString()));
            }
        }
        return calls;
    }

    private static List<Map<String, Object>> argumentsFor(String tool, String input) {
        List<Map<String, Object>> out = new ArrayList<>();
        switch (tool) {
            case "calculator" -> {
                Matcher m = ARITHMETIC.matcher(input);
                Set<String> seen = new LinkedHashSet<>();
                while (m.find() && seen.size() < 3) {
                    String expr = m.group().strip().replace(',', '.');
                    // "2024-01-05" is a date, not a sum: a minus counts only with spaces around it
                    if (OPERATOR.matcher(expr).find() && seen.add(expr)) {
                        out.add(Map.of("expression", expr));
                    }
                }
            }
            case "read_file" -> {
                Matcher m = FILE.matcher(input);
                Set<String> seen = new LinkedHashSet<>();
                Set<String> toWrite = saveTargets(input);
                while (m.find() && seen.size() < 3) {
                    // a file the task says to save to is written, not read
                    if (!toWrite.contains(m.group(1)) && seen.add(m.group(1))) {
                        out.add(Map.of("path", m.group(1)));
                    }
                }
            }
            case "write_file" -> {
                for (String path : saveTargets(input)) {
                    // the line that asks for the file says what the note is about
                    String first = input.lines().filter(l -> l.contains(path)).findFirst().orElse("").strip();
                    // ordered: Map.of's order changes from one JVM to the next, the call must not
                    Map<String, Object> args = new java.util.LinkedHashMap<>();
                    args.put("path", path);
                    args.put("content", "Notes (simulated): "
                            + (first.length() > 200 ? first.substring(0, 200) + "…" : first) + "\n");
                    out.add(args);
                }
            }
            case "current_time" -> {
                if (TIME.matcher(input.toLowerCase(Locale.ROOT)).find()) {
                    out.add(Map.of());
                }
            }
            default -> {
                // other tools need arguments the simulated model cannot make up honestly
            }
        }
        return out;
    }

    private static Set<String> saveTargets(String input) {
        Set<String> targets = new LinkedHashSet<>();
        Matcher m = SAVE.matcher(input);
        while (m.find() && targets.size() < 1) {
            targets.add(m.group(1));
        }
        return targets;
    }

    /** The answer once the tools have answered: what each call gave, then the usual simulated text. */
    static String answer(List<ChatMessage.ToolResult> results, String text) {
        StringBuilder b = new StringBuilder("From the tools:\n");
        for (ChatMessage.ToolResult r : results) {
            String result = r.text().strip();
            if (result.length() > 400) {
                result = result.substring(0, 400) + "…";
            }
            b.append("- ").append(r.toolName()).append(": ").append(result.replace("\n", "\n  ")).append('\n');
        }
        return b.append('\n').append(text).toString();
    }
}
