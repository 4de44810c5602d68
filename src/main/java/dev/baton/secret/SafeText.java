package dev.baton.secret;

/**
 * Makes user-controlled text safe to print inside a message line: control characters (line breaks, escape
 * sequences, NUL, Unicode line separators) are shown escaped, so that a flow id holding "\nother.json: valid" cannot
 * forge a line of output or move the terminal's cursor. Every message sink uses it.
 */
public final class SafeText {

    private SafeText() {
    }

    /** The text with every control character written as {@code \n}, {@code \t}, {@code \r} or {@code \}{@code uXXXX}. */
    public static String escapeControls(String text) {
        if (text == null) {
            return "";
        }
        int i = 0;
        int n = text.length();
        while (i < n && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
