package dev.baton.secret;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of secret Baton recognises: what to call it in a message, the literal parts one of which every match
 * contains (a cheap test before the regular expression), and the expression. When the expression has a group 1,
 * that group is a label ("Authorization: Bearer ", "?key=") that stays and only the rest of the match is a secret.
 */
public record KeyShape(String description, List<String> hints, boolean hintsIgnoreCase, Pattern pattern,
                       boolean needsMixedCharacters) {

    /** True when a hint occurs in {@code text}: only then can the expression match. */
    public boolean mayBeIn(String text) {
        for (String hint : hints) {
            if (hintsIgnoreCase ? Hints.containsIgnoreCase(text, hint) : text.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    /** True when the shape occurs in {@code text}. */
    public boolean foundIn(String text) {
        if (!mayBeIn(text)) {
            return false;
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (accepts(m)) {
                return true;
            }
        }
        return false;
    }

    /** The text with every occurrence's secret part replaced by {@code replacement}. */
    String replaceIn(String text, String replacement) {
        if (!mayBeIn(text)) {
            return text;
        }
        return replaceMatches(text, replacement);
    }

    /** As {@link #replaceIn} for a text known to hold one of the hints. */
    String replaceMatches(String text, String replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            if (!accepts(m)) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            int secretStart = m.groupCount() >= 1 && m.group(1) != null ? m.end(1) : m.start();
            sb.append(text, last, secretStart).append(replacement);
            last = m.end();
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, last, text.length()).toString();
    }

    /**
     * Prose such as "sk-learn-style-naming" or "disk-image-2024-backup" has the generic shape of a key; real keys
     * are random and always mix digits, upper- and lower-case letters.
     */
    private boolean accepts(Matcher m) {
        if (!needsMixedCharacters) {
            return true;
        }
        int from = m.groupCount() >= 1 && m.group(1) != null ? m.end(1) : m.start();
        boolean digit = false;
        boolean upper = false;
        boolean lower = false;
        for (int i = from; i < m.end(); i++) {
            char c = m.group().charAt(i - m.start());
            digit |= c >= '0' && c <= '9';
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        if (digit && upper && lower) {
            return true;
        }
        // a made-up or test key in one case ("sk-abc…0123", "sk-proj-abc…0123") is still a key: letters and digits
        // in one unbroken run, where prose ("risk-assessment-2024-final") is words between dashes
        String body = m.group().substring(from - m.start()).replaceFirst("^sk-(?:proj|svcacct|admin)-", "")
                .replaceFirst("^sk-", "");
        return digit && (upper || lower) && body.indexOf('-') < 0 && body.length() >= 20;
    }
}
