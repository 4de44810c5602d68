package dev.baton.audit;

/** A problem with the audit database that a user can act on; its message is one clear sentence, never a trace. */
public final class AuditException extends Exception {

    /** What kind of problem, so that a command can answer each with its own exit code. */
    public enum Kind {
        /** Other processes kept the database busy longer than this one would wait. */
        LOCKED,
        /** The file or its folder cannot be written (a read-only file, folder or file system). */
        READ_ONLY,
        /** The file is not a readable Baton audit database: damaged, foreign or of an unknown version. */
        UNUSABLE,
        /** Anything else (a missing database, a failed writer, an ambiguous run id). */
        OTHER
    }

    private final Kind kind;

    public AuditException(String message) {
        this(Kind.OTHER, message, null);
    }

    public AuditException(String message, Throwable cause) {
        this(Kind.OTHER, message, cause);
    }

    public AuditException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What kind of problem this is. */
    public Kind kind() {
        return kind;
    }
}
