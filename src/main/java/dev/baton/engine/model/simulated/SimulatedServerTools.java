package dev.baton.engine.model.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.model.ToolSpec;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the simulated model uses an MCP server's tool (offered as {@code server__tool}), deterministically: it calls the
 * tool when the task names what the tool does (the verb its name starts with, "read" for {@code read_text_file}, or
 * two words of its description) and every required argument can be filled honestly from the task: a path or file
 * name from a file the agent's instructions mention (else the input), a text or content from the input, a message or
 * query from a quoted phrase in the input (else its first line). A tool needing anything else is not called.
 */
final class SimulatedServerTools {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILE = Pattern.compile(
            "(?<![\\w/.-])((?:[\\w-]+/)*[\\w-]+\\.(?:txt|md|csv|json|yaml|yml|xml|log|html|tsv))\\b");
    private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”\\n]{1,200})[\"”]");
    private static final Pattern WORD = Pattern.compile("[a-z]{3,}");
    private static final Set<String> PATHS = Set.of("path", "file", "filename", "file_path", "filepath", "source");
    private static final Set<String> TEXTS = Set.of("content", "contents", "text", "body", "data");
    private static final Set<String> PHRASES = Set.of("message", "query", "pattern", "q", "prompt", "question");
    private static final Set<String> COMMON = Set.of("the", "and", "for", "with", "from", "this", "that", "tool",
            "file", "files", "use", "returns", "return", "given", "into", "your", "you", "are", "only", "can", "will",
            "all", "any", "not", "within", "directory", "directories", "allowed", "path");

    private SimulatedServerTools() {
    }

    /** True for an MCP server's tool as the engine offers it. */
    static boolean isServerTool(ToolSpec tool) {
        return tool.name().contains("__");
    }

    /** The arguments of the one call the task gives a reason for, or empty. */
    static Optional<Map<String, Object>> arguments(ToolSpec tool, String instructions, String input) {
        String task = (instructions + "\n" + input).toLowerCase(Locale.ROOT);
        if (!relevant(tool, task)) {
            return Optional.empty();
        }
        JsonNode schema;
        try {
            schema = tool.parametersSchema().isBlank() ? JSON.createObjectNode() : JSON.readTree(tool.parametersSchema());
        } catch (Exception e) {
            return Optional.empty();
        }
        Map<String, Object> args = new LinkedHashMap<>();
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            String name = required.asText();
            String type = properties.path(name).path("type").asText("string");
            String key = name.toLowerCase(Locale.ROOT);
            Optional<String> value = !type.equals("string") ? Optional.empty()
                    : PATHS.contains(key) ? file(instructions).or(() -> file(input))
                    : TEXTS.contains(key) ? Optional.of(input.strip()).filter(s -> !s.isEmpty())
                    : PHRASES.contains(key) ? phrase(input)
                    : Optional.empty();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            args.put(name, value.get());
        }
        return Optional.of(args);
    }

    private static boolean relevant(ToolSpec tool, String task) {
        String own = tool.name().substring(tool.name().indexOf("__") + 2).toLowerCase(Locale.ROOT);
        String verb = own.split("[_\\-.]")[0];
        if (!verb.isEmpty() && Pattern.compile("\\b" + Pattern.quote(verb) + "\\b").matcher(task).find()) {
            return true;
        }
        int shared = 0;
        Matcher m = WORD.matcher(tool.description().toLowerCase(Locale.ROOT));
        Set<String> seen = new java.util.HashSet<>();
        while (m.find()) {
            String w = m.group();
            if (w.length() >= 5 && !COMMON.contains(w) && seen.add(w)
                    && Pattern.compile("\\b" + w + "\\b").matcher(task).find()) {
                shared++;
            }
        }
        return shared >= 2;
    }

    private static Optional<String> file(String text) {
        Matcher m = FILE.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> phrase(String input) {
        Matcher m = QUOTED.matcher(input);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        Iterator<String> lines = input.strip().lines().iterator();
        String first = lines.hasNext() ? lines.next().strip() : "";
        return first.isEmpty() ? Optional.empty() : Optional.of(first.length() > 200 ? first.substring(0, 200) : first);
    }
}
