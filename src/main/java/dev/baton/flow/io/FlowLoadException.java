package dev.baton.flow.io;

/**
 * A flow file that could not be read or mapped. The message is one line a user can act on: where (line:column and
 * JSON pointer, when known) and what was expected. Never carries a stack trace meant for users.
 */
public class FlowLoadException extends Exception {

    private final String location;
    private final String reason;

    /**
     * @param location "12:5 /nodes/3/kind", or "" when the problem concerns the whole file
     * @param reason   what is wrong, e.g. "unknown node kind 'AGNT'; expected one of START, AGENT, …"
     */
    public FlowLoadException(String location, String reason) {
        super(location == null || location.isEmpty() ? reason : location + ": " + reason);
        this.location = location == null ? "" : location;
        this.reason = reason;
    }

    /** Where the problem is, or "" for the whole file. */
    public String location() {
        return location;
    }

    /** What is wrong. */
    public String reason() {
        return reason;
    }
}
