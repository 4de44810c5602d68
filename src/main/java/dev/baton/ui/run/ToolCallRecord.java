package dev.baton.ui.run;

import java.util.Locale;

/**
 * One plain tool call of a run as the designer shows it (card, timeline, console, node inspection), built from the
 * recorded ToolCallRequested / ToolCallFinished events only: a replay shows it without calling anything.
 *
 * @param startMs  ms since the run started when the model asked for it
 * @param endMs    ms since the run started when its result came back; -1 while it runs
 * @param server   the MCP server, "" for a built-in tool
 * @param content  the result the model read (or the error), "" while it runs
 */
public record ToolCallRecord(String callId, String nodeId, String tool, String server, String argumentsJson,
                             long startMs, long endMs, Status status, String content, long durationMs, long bytes,
                             boolean truncated) {

    /** Where a call stands. */
    public enum Status {
        RUNNING, OK, ERROR, DENIED;

        /** "ok", "error", "denied", "running". */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static ToolCallRecord started(String callId, String nodeId, String tool, String server, String args, long atMs) {
        return new ToolCallRecord(callId, nodeId, tool, server, args == null ? "" : args, atMs, -1, Status.RUNNING,
                "", 0, 0, false);
    }

    ToolCallRecord finished(long atMs, boolean error, String result, long duration, long size, boolean cut) {
        String text = result == null ? "" : result;
        return new ToolCallRecord(callId, nodeId, tool, server, argumentsJson, startMs, atMs,
                error ? (denial(text) ? Status.DENIED : Status.ERROR) : Status.OK, text, duration, size, cut);
    }

    /**
     * A refusal by the approval policy comes back as an error result whose text says it was denied; the events carry
     * no separate flag for it, so the text decides.
     */
    static boolean denial(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("denied") || t.contains("was denied") || t.contains("denied by");
    }

    public boolean open() {
        return endMs < 0;
    }

    /** The name shown: {@code server/tool} for an MCP tool. */
    public String label() {
        return server.isEmpty() ? tool : server + "/" + tool;
    }

    /** The first {@code max} characters of a text on one line, "…" when cut. */
    public static String excerpt(String text, int max) {
        String one = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, Math.max(0, max - 1)) + "…";
    }
}
