package dev.baton.secret;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Removes secrets from text before it leaves Baton: the exact values of the provider keys it knows (from the
 * environment and the credentials file) and every shape of {@link KeyShapes}. One instance is made where the program
 * starts and passed to every sink (events file, stdout, stderr, audit database, exports, the designer's panes).
 * Thread-safe.
 */
public final class Redactor {

    /** What every secret is replaced with. */
    public static final String REDACTED = "[REDACTED]";

    /** Shorter values are not treated as secrets: redacting "abc" everywhere would mangle ordinary text. */
    static final int MIN_KNOWN_SECRET_LENGTH = 8;

    private final Set<String> known = new LinkedHashSet<>();
    /** The known values, longest first (a key containing another known key is removed whole). */
    private volatile String[] knownLongestFirst = new String[0];

    /** A redactor knowing {@code knownValues} (values shorter than 8 characters are ignored) and every shape. */
    public Redactor(Collection<String> knownValues) {
        knownValues.forEach(this::remember);
    }

    /** A redactor that knows no exact values, only the shapes (tests, and reading already-redacted records). */
    public static Redactor shapesOnly() {
        return new Redactor(Set.of());
    }

    /** Remembers a key value in use (e.g. read from the credentials file later) so that it is redacted too. */
    public synchronized void remember(String value) {
        if (value == null) {
            return;
        }
        String v = value.strip();
        // a value holding a line break is no key; leaving it out keeps chunk-by-chunk redaction exact
        if (v.length() >= MIN_KNOWN_SECRET_LENGTH && v.indexOf('\n') < 0 && known.add(v)) {
            String[] sorted = known.toArray(String[]::new);
            Arrays.sort(sorted, Comparator.comparingInt(String::length).reversed());
            knownLongestFirst = sorted;
        }
    }

    /** The text with every known value and every key shape replaced by {@value #REDACTED}; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = redactKnown(text);
        long candidates = KeyShapes.candidates(result);
        // one scan says which shapes' hints occur; only their expressions run (most texts: none)
        for (int i = 0; candidates != 0 && i < KeyShapes.ALL.size(); i++) {
            if ((candidates & 1L << i) != 0) {
                result = KeyShapes.ALL.get(i).replaceMatches(result, REDACTED);
            }
        }
        return result;
    }

    /** Only the exact known values replaced: for a text {@link KeyShapes#mayHoldShape} found clean. */
    public String redactKnown(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : knownLongestFirst) {
            if (result.contains(secret)) {
                result = result.replace(secret, REDACTED);
            }
        }
        return result;
    }

    /** Redacted, then made safe for a one-line message: see {@link SafeText#escapeControls}. */
    public String forMessage(String text) {
        return SafeText.escapeControls(redact(text));
    }
}
