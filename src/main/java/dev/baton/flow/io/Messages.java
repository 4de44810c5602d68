package dev.baton.flow.io;

import dev.baton.secret.SafeText;

/** Keeps load-error messages on one short line, and never lets them echo a credential. */
final class Messages {

    /** Longest piece of user text quoted in a message. */
    private static final int MAX_QUOTED = 60;

    private Messages() {
    }

    /**
     * The text on one line: control characters (line breaks, escape sequences) shown escaped as SafeText does for
     * every message, so a value cannot forge a line of output or move the terminal's cursor; trimmed.
     */
    static String oneLine(String text) {
        return SafeText.escapeControls(text == null ? "" : text.strip());
    }

    /** User text fit to be quoted in a message: one line, redacted, shortened with "…" when long. */
    static String quote(String text) {
        String safe = oneLine(SecretScanner.redact(text == null ? "" : text));
        return safe.length() <= MAX_QUOTED ? safe : safe.substring(0, MAX_QUOTED) + "…";
    }
}
