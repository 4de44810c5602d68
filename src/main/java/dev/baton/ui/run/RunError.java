package dev.baton.ui.run;

/**
 * Why a run stopped short, for the run panel's banner and the failing node's badge.
 *
 * @param nodeId   the node that failed first ("" when the run failed outside any node)
 * @param nodeName its name as the canvas shows it
 * @param message  the full cause, the provider's message included
 * @param limit    true when a limit of the flow stopped the run rather than an error
 */
public record RunError(String nodeId, String nodeName, String message, boolean limit) {

    /** What fits on a node's badge. */
    static final int BADGE_CHARS = 40;
    private static final java.util.regex.Pattern MODEL_FAILED =
            java.util.regex.Pattern.compile("^\\S+ failed( after \\d+ attempts)?: ");
    private static final java.util.regex.Pattern KIND_AND_STATUS =
            java.util.regex.Pattern.compile("^[A-Z_]+ \\((HTTP \\d+)\\): ");

    /**
     * The message shortened for a node's badge: the model label the engine puts first ("openai/gpt-4o failed: ")
     * is dropped, since the node's card already shows its model, "AUTHENTICATION (HTTP 401): " becomes the more
     * familiar "HTTP 401: ", and only the first line is kept.
     */
    public static String shorten(String message) {
        String s = message == null ? "" : message.strip();
        int newline = s.indexOf('\n');
        if (newline >= 0) {
            s = s.substring(0, newline).strip();
        }
        s = MODEL_FAILED.matcher(s).replaceFirst("");
        s = KIND_AND_STATUS.matcher(s).replaceFirst("$1: ");
        return s.length() <= BADGE_CHARS ? s : s.substring(0, BADGE_CHARS - 1).stripTrailing() + "…";
    }

    /** The badge under the failing node: "failed · AUTHENTICATION (HTTP 401): Incorrect API key…". */
    public static String badgeFor(String message) {
        String s = shorten(message);
        return s.isEmpty() ? "failed" : "failed · " + s;
    }
}
