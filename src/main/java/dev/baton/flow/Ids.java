package dev.baton.flow;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/** Makes readable, unique ids ("market-researcher", "market-researcher-2") for new nodes and edges. */
public final class Ids {

    /** What a node or edge id may look like: letters, digits, '-', '_' and '.', starting with a letter or digit. */
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Ids() {
    }

    /** A slug of the text, e.g. "Market Researcher" → "market-researcher"; "node" when nothing is left. */
    public static String slug(String text) {
        String s = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        s = s.replaceAll("^-+|-+$", "");
        if (s.length() > 40) {
            s = s.substring(0, 40).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "node" : s;
    }

    /** The first of base, base-2, base-3 … not in taken. */
    public static String unique(String base, Collection<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            String candidate = base + "-" + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
