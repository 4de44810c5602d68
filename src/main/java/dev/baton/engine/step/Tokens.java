package dev.baton.engine.step;

/** Token estimates where no provider count is available: about four characters per token. */
public final class Tokens {

    private Tokens() {
    }

    /** Estimated tokens of a text (at least 1 for a non-empty text). */
    public static int estimate(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }

    /** The text cut to about {@code budget} tokens, with a visible marker when something was cut. */
    public static String truncate(String text, Integer budget) {
        if (budget == null || estimate(text) <= budget) {
            return text;
        }
        String marker = "\n[… truncated to " + budget + " tokens]";
        int keep = Math.max(0, budget * 4 - marker.length());
        return text.substring(0, Math.min(keep, text.length())) + marker;
    }
}
