package dev.baton.engine.model.simulated;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Word-overlap similarity used by the simulated model to pick workers and handoff peers: content words (no stop
 * words, crude suffix stripping, a few everyday synonyms folded onto one concept), compared by the share of the
 * description's words that the task mentions.
 */
public final class LexicalMatch {

    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "that", "this", "you", "your",
            "are", "from", "into", "about", "who", "what", "which", "their", "them", "its", "has", "have", "will",
            "can", "all", "any", "each", "every", "one", "two", "not", "but", "our", "out", "use", "using", "when",
            "then", "than", "there", "here", "also", "only", "more", "most", "such", "how", "why", "was", "were",
            "been", "being", "some", "they", "she", "his", "her", "him", "does", "did", "done", "goal", "role",
            "agent", "task", "sub", "delegate", "hand", "off", "conversation", "better", "suited", "please");

    /**
     * Everyday words folded onto the word a role description would use, so that "the app crashes" reaches an agent
     * for "errors" and "money back" one for "refunds". Keys and values are stems.
     */
    private static final Map<String, String> CONCEPT = Map.ofEntries(
            Map.entry("crash", "error"), Map.entry("bug", "error"), Map.entry("bugs", "error"), Map.entry("freez", "error"),
            Map.entry("broken", "error"), Map.entry("exception", "error"), Map.entry("glitch", "error"),
            Map.entry("reimburs", "refund"), Map.entry("repay", "refund"), Map.entry("chargeback", "refund"),
            Map.entry("bill", "invoic"), Map.entry("receipt", "invoic"), Map.entry("overcharg", "charg"),
            Map.entry("debit", "charg"), Map.entry("install", "installation"), Map.entry("setup", "installation"),
            Map.entry("configur", "configuration"));

    private LexicalMatch() {
    }

    /** The content words of a text, in order of first appearance. */
    public static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.length() < 3 || STOP.contains(w)) {
                continue;
            }
            out.add(concept(stem(w)));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        // "money back" is two stop-free words that mean one thing
        if (lower.contains("money back") || lower.contains("my money")) {
            out.add("refund");
        }
        return out;
    }

    private static String concept(String stem) {
        return CONCEPT.getOrDefault(stem, stem);
    }

    static String stem(String word) {
        String w = word;
        if (w.length() > 4 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 4 && w.endsWith("s") && !w.endsWith("ss")) {
            w = w.substring(0, w.length() - 1);
        }
        for (String suffix : new String[]{"ing", "ed", "er", "e"}) {
            if (w.length() >= suffix.length() + 4 && w.endsWith(suffix)) {
                return w.substring(0, w.length() - suffix.length());
            }
        }
        return w;
    }

    /** How much of {@code description} the {@code task} covers, 0..1 (overlap over the smaller set). */
    public static double similarity(String task, String description) {
        Set<String> a = words(task);
        Set<String> b = words(description);
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String w : b) {
            if (a.contains(w)) {
                common++;
            }
        }
        return (double) common / Math.min(a.size(), b.size());
    }

    /** Words of {@code task}, as written, that {@code description} also mentions: for a readable reason. */
    public static Set<String> shared(String task, String description) {
        Set<String> b = words(description);
        Set<String> out = new LinkedHashSet<>();
        for (String w : task.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.length() >= 3 && !STOP.contains(w) && b.contains(concept(stem(w)))) {
                out.add(w.equals("money") && task.toLowerCase(Locale.ROOT).contains("money back") ? "money back" : w);
            }
        }
        return out;
    }
}
