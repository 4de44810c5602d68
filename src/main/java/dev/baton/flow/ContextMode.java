package dev.baton.flow;

/** What an edge passes on to the receiving agent. */
public enum ContextMode {
    /** The whole history: the original request and every output so far on this path. */
    FULL,
    /** Only the sender's last message. */
    LAST,
    /** A summary of the history, written to fit the token budget. */
    SUMMARY,
    /** Only selected fields of the sender's (JSON) output. */
    FIELDS
}
