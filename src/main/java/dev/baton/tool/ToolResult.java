package dev.baton.tool;

import java.time.Duration;
import java.util.Objects;

/**
 * What a tool call gave back to the model: content, or an error message; never both.
 *
 * @param tool      the tool's name
 * @param error     true when {@code content} is an error message
 * @param content   the text the model reads (already capped and redacted)
 * @param duration  how long the call took
 * @param bytes     the size of the tool's own output in UTF-8 bytes, before capping
 * @param truncated true when the output was cut to the size cap
 */
public record ToolResult(String tool, boolean error, String content, Duration duration, long bytes,
                         boolean truncated) {

    public ToolResult {
        Objects.requireNonNull(tool, "tool");
        content = content == null ? "" : content;
        duration = duration == null ? Duration.ZERO : duration;
    }

    /** An error result: the message is what the model reads. */
    public static ToolResult failure(String tool, String message, Duration duration) {
        return new ToolResult(tool, true, message, duration, 0, false);
    }
}
