package dev.baton.engine.model.provider;

/**
 * A stand-in for a provider exception kept as a {@link dev.baton.engine.model.ModelException}'s cause: same type
 * name, stack trace and cause chain, but a redacted message, so that a logged stack trace cannot leak a key that a
 * provider echoed back in an error body.
 */
final class RedactedFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Causes deeper than this are dropped: real chains are a handful long, a longer one is a cycle or noise. */
    private static final int MAX_DEPTH = 16;

    private RedactedFailure(String message) {
        super(message);
    }

    /** The redacted copy of {@code failure} and its causes, or null for null. */
    static Throwable of(Throwable failure) {
        return copy(failure, 0);
    }

    private static Throwable copy(Throwable failure, int depth) {
        if (failure == null || depth >= MAX_DEPTH) {
            return null;
        }
        String message = failure.getMessage();
        RedactedFailure copy = new RedactedFailure(failure.getClass().getName()
                + (message == null ? "" : ": " + ErrorClassifier.SHAPES.redact(message)));
        copy.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause() == failure ? null : copy(failure.getCause(), depth + 1);
        if (cause != null) {
            copy.initCause(cause);
        }
        return copy;
    }
}
