package dev.baton.engine.model.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes API keys and auth headers from text before it reaches logs, events or the audit database. */
public final class SecretRedactor {

    /** What every secret is replaced with. */
    public static final String REDACTED = "[REDACTED]";

    /** Shorter values are not treated as secrets: redacting "abc" everywhere would mangle ordinary text. */
    private static final int MIN_KNOWN_SECRET_LENGTH = 8;

    private static final Set<String> KNOWN_SECRETS = ConcurrentHashMap.newKeySet();

    /** Header- and parameter-shaped secrets: the name is kept, the value goes. */
    private static final List<Pattern> LABELLED_SECRETS = List.of(
            Pattern.compile("(?i)(authorization\"?\\s*[:=]\\s*\"?\\s*bearer\\s+)[^\\s\",;}]+"),
            Pattern.compile("(?i)((?:x-api-key|x-goog-api-key|api[-_]?key)\"?\\s*[:=]\\s*\"?\\s*)(?!\\.\\.\\.)[^\\s\",;}&]+"),
            Pattern.compile("(?i)([?&]key=)[^&\\s\"']+"));

    /** Key-shaped strings, whatever surrounds them (Anthropic's prefix first: it also starts with "sk-"). */
    private static final List<Pattern> KEY_SHAPES = List.of(
            Pattern.compile("sk-ant-[A-Za-z0-9_\\-]{8,}"),
            Pattern.compile("sk-[A-Za-z0-9_\\-]{16,}"),
            Pattern.compile("AIza[0-9A-Za-z_\\-]{20,}"));

    private SecretRedactor() {
    }

    /** Remembers a key value in use so that it is redacted wherever it appears, whatever its shape. */
    public static void registerSecret(String value) {
        if (value != null && value.strip().length() >= MIN_KNOWN_SECRET_LENGTH) {
            KNOWN_SECRETS.add(value.strip());
        }
    }

    /** The text with every known key, auth header value and key-shaped string replaced by {@value #REDACTED}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        // Longest first, so that a key containing another known key is removed whole.
        List<String> known = new ArrayList<>(KNOWN_SECRETS);
        known.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : known) {
            result = result.replace(secret, REDACTED);
        }
        if (!mayHoldPatternSecret(result)) {
            // the common case (ordinary prose): the patterns below cost ~50 ns per character each, and the audit
            // writer redacts every text of every event
            return result;
        }
        for (Pattern labelled : LABELLED_SECRETS) {
            result = labelled.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        }
        for (Pattern shape : KEY_SHAPES) {
            result = shape.matcher(result).replaceAll(REDACTED);
        }
        return result;
    }

    /**
     * False only when no pattern can match: each labelled pattern needs "authorization" or "key" (ASCII
     * case-insensitive, which lower-casing covers), each key shape needs "sk-" or "AIza".
     */
    private static boolean mayHoldPatternSecret(String text) {
        if (text.contains("sk-") || text.contains("AIza")) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("key") || lower.contains("authorization");
    }
}
