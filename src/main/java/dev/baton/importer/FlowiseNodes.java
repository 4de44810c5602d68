package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.ModelRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a Flowise Agentflow V1 export's node graph, shared by its two kinds ({@link FlowiseTeams},
 * {@link FlowiseSequential}): which node is wired into which input (a chat model into {@code model}, tool nodes into
 * {@code tools}), nodes by id, and prompts with their prompt values put in.
 */
final class FlowiseNodes {

    /** A worker's prompt values a Flowise node fills at run time ({{node.data.instance}}): not known here. */
    private static final Pattern NODE_VALUE = Pattern.compile("\\{\\{[^}]*\\}\\}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

    private FlowiseNodes() {
    }

    /** True when a node of the export is named {@code name} (its {@code data.name}). */
    static boolean has(JsonNode nodes, String name) {
        for (JsonNode n : nodes) {
            if (Sources.str(n.path("data"), "name").equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Each node's index in the export, by its id. */
    static Map<String, Integer> indexById(JsonNode nodes) {
        Map<String, Integer> indexOf = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            indexOf.put(id(nodes.get(i)), i);
        }
        return indexOf;
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
                n.path("data").path("inputs"),
                n.path("data").has("credential") || n.path("data").path("inputs").has("credential"));
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
}
