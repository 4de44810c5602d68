package dev.baton.engine.step;

/**
 * Why a node could not produce its output. Carries the status the run ends with: FAILED for errors, LIMIT_REACHED
 * when a bound was hit (then {@link #limit()} names it), CANCELLED when the run was cancelled.
 */
public final class StepException extends Exception {

    /** How the run ends because of it; the engine maps each to the run status of the same name. */
    public enum Kind {
        FAILED, LIMIT_REACHED, CANCELLED
    }

    private final Kind kind;
    private final String nodeId;
    private final String limit;

    private StepException(Kind kind, String nodeId, String limit, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.nodeId = nodeId == null ? "" : nodeId;
        this.limit = limit == null ? "" : limit;
    }

    /** The node failed. */
    public static StepException failed(String nodeId, String message) {
        return new StepException(Kind.FAILED, nodeId, null, message, null);
    }

    /** The node failed because of {@code cause}. */
    public static StepException failed(String nodeId, String message, Throwable cause) {
        return new StepException(Kind.FAILED, nodeId, null, message, cause);
    }

    /** A limit stopped the node. */
    public static StepException limit(String nodeId, String limit, String message) {
        return new StepException(Kind.LIMIT_REACHED, nodeId, limit, message, null);
    }

    /** The run was cancelled while the node worked. */
    public static StepException cancelled(String nodeId, String message) {
        return new StepException(Kind.CANCELLED, nodeId, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The limit's name for LIMIT_REACHED ("maxHandoffs", "agentTimeout" …), "" otherwise. */
    public String limit() {
        return limit;
    }
}
