package dev.baton.audit;

import dev.baton.engine.model.provider.SecretRedactor;

/**
 * A one-pass check for the text {@link SecretRedactor}'s patterns need, so that the audit writer can redact long
 * texts chunk by chunk (and skip chunks it already stored). Every labelled pattern needs "authorization", "apikey",
 * "api-key", "api_key", "?key=" or "&amp;key=" (ASCII case-insensitive, as the patterns' {@code (?i)}), every key
 * shape needs "sk-" or "AIza". A text with none of them can only hold registered secrets, which contain no blank
 * line, so redacting its chunks one by one gives the same text as redacting it whole. {@code SecretScanTest} fails
 * when SecretRedactor's patterns change, so that this list is revisited.
 */
final class SecretScan {

    private SecretScan() {
    }

    /** True when a redaction pattern might match somewhere in {@code text} (false positives are fine). */
    static boolean mayHoldPatternSecret(String text) {
        if (text.contains("sk-") || text.contains("AIza")) {
            return true;
        }
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 'a' || c == 'A') {
                if (text.regionMatches(true, i, "authorization", 0, 13) || apiKeyAt(text, i)) {
                    return true;
                }
            } else if ((c == '?' || c == '&') && text.regionMatches(true, i + 1, "key=", 0, 4)) {
                return true;
            }
        }
        return false;
    }

    /** "api" then an optional '-' or '_', then "key". */
    private static boolean apiKeyAt(String text, int i) {
        if (!text.regionMatches(true, i, "api", 0, 3)) {
            return false;
        }
        int k = i + 3;
        if (k < text.length() && (text.charAt(k) == '-' || text.charAt(k) == '_')) {
            k++;
        }
        return text.regionMatches(true, k, "key", 0, 3);
    }
}
