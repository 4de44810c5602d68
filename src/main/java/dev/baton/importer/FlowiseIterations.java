package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flowise iteration nodes (whose children name it in {@code parentNode}) replaced by their children run in sequence:
 * an edge into the iteration goes to its first children, its last children continue to the iteration's successors.
 */
final class FlowiseIterations {

    /** Per iteration id (with at least one child): its first and its last children, by Flowise id. */
    private final Map<String, List<String>> entries = new LinkedHashMap<>();
    private final Map<String, List<String>> exits = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    /** Edges between children of an iteration that had none: they run in file order. */
    final List<String[]> chained = new ArrayList<>();

    /** Finds the iterations of an export and the children each one runs. */
    FlowiseIterations(JsonNode nodes, JsonNode edges) {
        Map<String, List<String>> children = new LinkedHashMap<>();
        for (JsonNode n : nodes) {
            String parent = Sources.str(n, "parentNode");
            if (!parent.isEmpty()) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(Sources.str(n, "id"));
            }
        }
        for (JsonNode n : nodes) {
            String id = Sources.str(n, "id");
            List<String> kids = children.get(id);
            if (!Sources.str(n.path("data"), "name").equals("iterationAgentflow") || kids == null) {
                continue;
            }
            List<String> first = new ArrayList<>(kids);
            List<String> last = new ArrayList<>(kids);
            boolean inner = false;
            for (JsonNode e : edges) {
                String s = Sources.str(e, "source");
                String t = Sources.str(e, "target");
                if (kids.contains(s) && kids.contains(t)) {
                    inner = true;
                    first.remove(t);
                    last.remove(s);
                }
            }
            if (!inner && kids.size() > 1) {
                // no order drawn inside the iteration: its children run one after the other, in the file's order
                for (int i = 0; i + 1 < kids.size(); i++) {
                    chained.add(new String[] {kids.get(i), kids.get(i + 1)});
                }
                first = List.of(kids.get(0));
                last = List.of(kids.get(kids.size() - 1));
            }
            counts.put(id, kids.size());
            entries.put(id, first.isEmpty() ? List.of(kids.get(0)) : first);
            exits.put(id, last.isEmpty() ? List.of(kids.get(kids.size() - 1)) : last);
        }
    }

    /** True when this Flowise node is an iteration replaced by its children. */
    boolean replaced(String id) {
        return entries.containsKey(id);
    }

    /** How many children stand in for the iteration. */
    int size(String id) {
        return counts.getOrDefault(id, 0);
    }

    /** The nodes an edge into {@code id} arrives at: the iteration's first children (nested ones resolved). */
    List<String> into(String id) {
        return resolve(id, entries, 0);
    }

    /** The nodes an edge out of {@code id} leaves from: the iteration's last children (nested ones resolved). */
    List<String> outOf(String id) {
        return resolve(id, exits, 0);
    }

    private static List<String> resolve(String id, Map<String, List<String>> ends, int depth) {
        List<String> direct = ends.get(id);
        if (direct == null || depth > 8) {
            return List.of(id);
        }
        List<String> out = new ArrayList<>();
        for (String child : direct) {
            out.addAll(resolve(child, ends, depth + 1));
        }
        return out;
    }
}
