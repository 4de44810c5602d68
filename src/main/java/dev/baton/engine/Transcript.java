package dev.baton.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history along a path of the chain: the original request and each output so far, labelled by agent. A join
 * merges its inputs' histories without repeating shared ancestors.
 */
public record Transcript(List<Entry> entries) {

    /** One labelled piece of the history. */
    public record Entry(String nodeId, String label, String text) { }

    public Transcript {
        entries = List.copyOf(entries);
    }

    public static Transcript of(Entry first) {
        return new Transcript(List.of(first));
    }

    /** This history with one more entry. */
    public Transcript plus(Entry entry) {
        List<Entry> list = new ArrayList<>(entries);
        list.add(entry);
        return new Transcript(list);
    }

    /** The union of several histories, first occurrence of each node kept, in order. */
    public static Transcript merge(List<Transcript> parts) {
        Map<String, Entry> byNode = new LinkedHashMap<>();
        for (Transcript t : parts) {
            for (Entry e : t.entries) {
                byNode.putIfAbsent(e.nodeId(), e);
            }
        }
        return new Transcript(new ArrayList<>(byNode.values()));
    }

    /** "Label:\ntext" blocks separated by blank lines. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(e.label()).append(":\n").append(e.text());
        }
        return sb.toString();
    }
}
