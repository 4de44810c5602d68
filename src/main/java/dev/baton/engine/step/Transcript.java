package dev.baton.engine.step;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history along a path of the chain: the original request and each output so far, labelled by agent. A join
 * merges its inputs' histories without repeating shared ancestors. Appending is O(1) (a link to the previous
 * history): most edges pass only the last output, so the list is built only when a FULL or SUMMARY edge needs it.
 */
public final class Transcript {

    /** One labelled piece of the history. */
    public record Entry(String nodeId, String label, String text) { }

    private final Transcript parent;
    private final Entry last;
    private volatile List<Entry> entries;

    /** A history of these entries, in order. */
    public Transcript(List<Entry> entries) {
        this.parent = null;
        this.last = null;
        this.entries = List.copyOf(entries);
    }

    private Transcript(Transcript parent, Entry last) {
        this.parent = parent;
        this.last = last;
    }

    public static Transcript of(Entry first) {
        return new Transcript(List.of(first));
    }

    /** This history with one more entry. */
    public Transcript plus(Entry entry) {
        return new Transcript(this, entry);
    }

    /** The entries, oldest first. */
    public List<Entry> entries() {
        List<Entry> list = entries;
        if (list == null) {
            List<Entry> reversed = new ArrayList<>();
            Transcript t = this;
            while (t.entries == null) {
                reversed.add(t.last);
                t = t.parent;
            }
            List<Entry> all = new ArrayList<>(t.entries);
            Collections.reverse(reversed);
            all.addAll(reversed);
            list = List.copyOf(all);
            entries = list;
        }
        return list;
    }

    /** The union of several histories, first occurrence of each node kept, in order. */
    public static Transcript merge(List<Transcript> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Map<String, Entry> byNode = new LinkedHashMap<>();
        for (Transcript t : parts) {
            for (Entry e : t.entries()) {
                byNode.putIfAbsent(e.nodeId(), e);
            }
        }
        return new Transcript(new ArrayList<>(byNode.values()));
    }

    /** "Label:\ntext" blocks separated by blank lines; an entry with an empty label is its text alone. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries()) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            if (!e.label().isEmpty()) {
                sb.append(e.label()).append(":\n");
            }
            sb.append(e.text());
        }
        return sb.toString();
    }
}
