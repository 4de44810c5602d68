package dev.baton.run;

import java.util.Objects;

/**
 * Why a run cannot start (or, for {@link Kind#FLOW_WARNING}, what the user should know before it does): one line of
 * text with a kind, so that each front end answers each kind its own way (the CLI with its exit codes, the designer
 * with its problems panel or a dialog).
 *
 * @param kind    what went wrong
 * @param message one line, control characters escaped, no key in it
 */
public record RunProblem(Kind kind, String message) {

    /** What kind of problem, from the flow itself to the files and services a run writes to. */
    public enum Kind {
        /** A validator error: the flow cannot run as it is. */
        INVALID_FLOW,
        /** An option that does not fit the flow (a model timeout out of range). */
        INVALID_OPTION,
        /** A validator warning: the run may start. */
        FLOW_WARNING,
        /** A model lacks its key or endpoint. */
        CREDENTIALS,
        /** The OTLP target is not an http(s) URL. */
        TRACE_TARGET,
        /** Other processes kept the audit database busy longer than Baton waits (nothing was written). */
        AUDIT_BUSY,
        /** The audit database is read-only, damaged or not Baton's (it was left untouched). */
        AUDIT_UNUSABLE,
        /** The audit database could not be opened for another reason. */
        AUDIT_FAILED,
        /** The events file cannot be created or written. */
        EVENTS_FILE,
        /**
         * An MCP server a node uses cannot start (a variable not set, a program not found, a start that failed or
         * timed out) or does not list a tool a node names.
         */
        MCP_SERVER
    }

    public RunProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** True when this problem stops the run (everything but a flow warning). */
    public boolean stopsRun() {
        return kind != Kind.FLOW_WARNING;
    }
}
