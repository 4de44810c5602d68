package dev.baton.audit;

/** A problem with the audit database that a user can act on; its message is one clear sentence, never a trace. */
public final class AuditException extends Exception {

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
