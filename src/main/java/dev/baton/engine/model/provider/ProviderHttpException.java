package dev.baton.engine.model.provider;

import dev.langchain4j.exception.HttpException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP error status with what LangChain4j's own {@link HttpException} drops: how long the provider asked us to wait
 * ({@code retry-after} in seconds or as an HTTP date, or OpenAI's {@code retry-after-ms}).
 */
final class ProviderHttpException extends HttpException {

    private static final long serialVersionUID = 1L;

    /** Null when the response said nothing (or nothing readable) about waiting. */
    private final transient Duration retryAfter;

    ProviderHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    /** How long the provider asked us to wait before retrying, or null. */
    Duration retryAfter() {
        return retryAfter;
    }

    /** The wait a response's headers ask for, or null when they ask none or say it unreadably. */
    static Duration retryAfter(Map<String, List<String>> headers, Clock clock) {
        String millis = header(headers, "retry-after-ms");
        if (millis != null) {
            try {
                return nonNegative(Duration.ofMillis(Math.round(Double.parseDouble(millis))));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String value = header(headers, "retry-after");
        if (value == null) {
            return null;
        }
        try {
            return nonNegative(Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return nonNegative(Duration.between(clock.instant(), at));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().toLowerCase(Locale.ROOT).equals(name)
                    && !entry.getValue().isEmpty()) {
                String v = entry.getValue().get(0);
                return v == null || v.isBlank() ? null : v.strip();
            }
        }
        return null;
    }
}
