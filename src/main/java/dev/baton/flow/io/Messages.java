package dev.baton.flow.io;

/** Keeps load-error messages on one short line, and never lets them echo a credential. */
final class Messages {

    /** Longest piece of user text quoted in a message. */
    private static final int MAX_QUOTED = 60;

    private Messages() {
    }

    /** The text with line breaks and other control characters turned into spaces, trimmed. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return sb.toString().replaceAll(" {2,}", " ").trim();
    }

    /** User text fit to be quoted in a message: one line, redacted, shortened with "…" when long. */
    static String quote(String text) {
        String safe = oneLine(SecretScanner.redact(text == null ? "" : text));
        return safe.length() <= MAX_QUOTED ? safe : safe.substring(0, MAX_QUOTED) + "…";
    }
}
