package dev.baton.flow;

import java.util.Objects;

/**
 * One thing wrong with a flow, phrased so that a user can act on it.
 *
 * @param severity  ERROR makes the flow invalid (it will not run); WARNING does not
 * @param code      stable machine-readable code, e.g. "dangling-edge"
 * @param elementId the node or edge id concerned, or "" for the flow itself
 * @param pointer   JSON pointer into the flow file, e.g. "/edges/3/to"; "" for the document root
 * @param message   what is wrong and, where it helps, what to do
 */
public record Problem(Severity severity, String code, String elementId, String pointer, String message) {

    /** How bad a problem is. */
    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        elementId = elementId == null ? "" : elementId;
        pointer = pointer == null ? "" : pointer;
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(String code, String elementId, String pointer, String message) {
        return new Problem(Severity.ERROR, code, elementId, pointer, message);
    }

    public static Problem warning(String code, String elementId, String pointer, String message) {
        return new Problem(Severity.WARNING, code, elementId, pointer, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
