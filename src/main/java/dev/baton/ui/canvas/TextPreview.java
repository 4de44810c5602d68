package dev.baton.ui.canvas;

/**
 * A few lines of a long text for a hover tooltip: a tooltip is a glance, not a reader, so a model's whole answer goes
 * to the Run tab's Node view and the hover keeps a preview that never grows past a handful of lines on screen.
 */
public final class TextPreview {

    /** Most source lines a preview keeps. */
    public static final int MAX_LINES = 4;
    /** Most characters a preview keeps (about four wrapped lines of a 460 px tooltip). */
    public static final int MAX_CHARS = 280;
    /** Appended when something was left out: where the whole text is. */
    public static final String MORE = " … (select the node: the Run tab's Node view has the whole text)";

    private TextPreview() {
    }

    /** The first {@link #MAX_LINES} non-blank lines of {@code text}, at most {@link #MAX_CHARS} characters. */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        StringBuilder out = new StringBuilder();
        int lines = 0;
        boolean cut = false;
        for (String line : t.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (lines == MAX_LINES) {
                cut = true;
                break;
            }
            if (lines > 0) {
                out.append('\n');
            }
            out.append(line.stripTrailing());
            lines++;
        }
        if (out.length() > MAX_CHARS) {
            int end = MAX_CHARS;
            int space = out.lastIndexOf(" ", end);
            out.setLength(space > MAX_CHARS / 2 ? space : end);
            cut = true;
        }
        return cut ? out + MORE : out.toString();
    }
}
