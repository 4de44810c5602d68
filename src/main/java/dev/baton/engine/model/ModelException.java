package dev.baton.engine.model;

import java.time.Duration;
import java.util.Objects;

/** A classified model failure: the kind decides whether the engine retries. */
public class ModelException extends Exception {

    /** Why a call failed. */
    public enum Kind {
        /** HTTP 429: retry with backoff. */
        RATE_LIMITED(true),
        /** HTTP 5xx: retry with backoff. */
        SERVER_ERROR(true),
        /** No answer in time: retry with backoff. */
        TIMEOUT(true),
        /** Could not connect: retry with backoff. */
        NETWORK(true),
        /** 401/403: the key is missing, wrong or lacks access. */
        AUTHENTICATION(false),
        /** Other 4xx: the request was refused (unknown model, bad parameter …). */
        CLIENT_ERROR(false),
        /** The provider answered something that is not a valid reply. */
        INVALID_RESPONSE(false),
        /** The call was interrupted by cancellation or a deadline. */
        CANCELLED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final int httpStatus;
    private final transient Duration retryAfter;

    public ModelException(Kind kind, int httpStatus, String message, Throwable cause) {
        this(kind, httpStatus, message, cause, null);
    }

    /** @param retryAfter how long the provider asked to wait before a retry ({@code retry-after}), or null */
    public ModelException(Kind kind, int httpStatus, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
    }

    /**
     * The longest {@code retry-after} a run waits out; a provider asking for more (a quota reset in an hour) fails the
     * call at once, on the embedded engine and on Temporal alike.
     */
    public static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(60);

    public ModelException(Kind kind, String message) {
        this(kind, 0, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when none applies. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the provider asked to wait before retrying, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
