package dev.baton.trace;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Ids that follow from the audit, so the same run always exports to the same trace: the trace id is the run id's
 * UUID (a run id is {@code run-} and a UUID), and a span's id is the sequence number of the event that opened it.
 */
public final class TraceIds {

    private static final Pattern RUN_UUID = Pattern.compile(
            "(?:run-)?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})");

    private TraceIds() {
    }

    /** The 32 hex digits of the run's trace: its UUID, or (for another shape of id) the start of its SHA-256. */
    public static String traceId(String runId) {
        var m = RUN_UUID.matcher(runId == null ? "" : runId);
        String hex;
        if (m.matches()) {
            hex = (m.group(1) + m.group(2) + m.group(3) + m.group(4) + m.group(5)).toLowerCase(Locale.ROOT);
        } else {
            hex = HexFormat.of().formatHex(sha256(String.valueOf(runId))).substring(0, TraceId.getLength());
        }
        // an all-zero id is invalid in OTLP; no UUIDv7 is all zeros, the fallback keeps it so anyway
        return TraceId.isValid(hex) ? hex : "0".repeat(TraceId.getLength() - 1) + "1";
    }

    /** The span opened by event {@code seq} (sequence numbers start at 1, so the id is never the invalid zero). */
    public static String spanId(long seq) {
        String hex = String.format(Locale.ROOT, "%016x", seq);
        return SpanId.isValid(hex) ? hex : "0".repeat(SpanId.getLength() - 1) + "1";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
