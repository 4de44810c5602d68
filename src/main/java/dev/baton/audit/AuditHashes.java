package dev.baton.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The tamper-evidence chain: {@code hash = SHA-256(previous hash || canonical content)} per run, the first event's
 * previous hash being empty. Canonical content is the typed columns and the payload (as stored: long texts as their
 * text hashes) joined by newlines, with the time in ISO-8601 UTC ({@link Instant#toString()}), so that anyone can
 * recompute it with SQL and a SHA-256 tool. Chunks and texts are content-addressed: a chunk's hash is the SHA-256 of
 * its UTF-8 bytes; a text of chunks 1..m has the hash h(m), where h(0) = "" and h(j) = SHA-256(h(j-1) || chunk
 * hash j), so that a text extending another continues the other's hash.
 */
public final class AuditHashes {

    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread: looking one up costs more than hashing a short event. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(AuditHashes::newSha256);

    private AuditHashes() {
    }

    /** The hex hash of one event row given the previous row's hex hash ("" for the first). */
    public static String hash(String previousHash, String runId, long seq, Instant time, String kind, String nodeId,
                              String edgeId, String payload) {
        MessageDigest sha = SHA256.get();
        sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        // the short columns joined, the payload after them on its own: the same bytes as the whole content joined
        // (the newline before the payload ends the last column), without copying the payload into a second string
        String columns = runId + '\n' + seq + '\n' + isoInstant(time) + '\n' + kind + '\n' + nodeId + '\n' + edgeId
                + '\n';
        sha.update(columns.getBytes(StandardCharsets.UTF_8));
        sha.update(payload.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(sha.digest());
    }

    /**
     * {@link Instant#toString()} exactly (ISO-8601 UTC, a fraction of 0, 3, 6 or 9 digits), without a
     * DateTimeFormatter: it was a third of the event hash's cost, once per event. Years outside 0–9999 (which need
     * a sign or more digits) go through {@link Instant#toString()} itself.
     */
    static String isoInstant(Instant t) {
        long seconds = t.getEpochSecond();
        // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z
        if (seconds < -62_167_219_200L || seconds > 253_402_300_799L) {
            return t.toString();
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        int nano = t.getNano();
        StringBuilder sb = new StringBuilder(30);
        pad(sb, date.getYear(), 4).append('-');
        pad(sb, date.getMonthValue(), 2).append('-');
        pad(sb, date.getDayOfMonth(), 2).append('T');
        pad(sb, secondOfDay / 3600, 2).append(':');
        pad(sb, secondOfDay / 60 % 60, 2).append(':');
        pad(sb, secondOfDay % 60, 2);
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                pad(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                pad(sb, nano / 1000, 6);
            } else {
                pad(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int digits) {
        for (int bound = 10, i = 1; i < digits; i++, bound *= 10) {
            if (value < bound) {
                sb.append('0');
            }
        }
        return sb.append(value);
    }

    /**
     * The runs-row columns a seal covers, in order (schema version 7): what the run started with, then how it ended.
     * A verifier selects these and passes them to {@link #seal} as read.
     */
    public static final String SEAL_COLUMNS = "run_id, run_no, flow_id, flow_name, flow_sha256, input, started_at,"
            + " simulated, providers, writer, status, output, output_text, status_detail, failed_node, ended_at,"
            + " input_tokens, output_tokens, model_calls, elapsed_ms, last_seq, last_event_type";

    /**
     * A run's seal: SHA-256 of its last event's hash ("" for none), a newline, then each of {@link #SEAL_COLUMNS}
     * as {@code <length>:<value>} (null as {@code -1:}; times as ISO-8601 UTC, numbers and booleans in Java's decimal
     * and true/false form), so that no two rows share a content.
     */
    public static String seal(String lastEventHash, List<?> columns) {
        StringBuilder sb = new StringBuilder(256).append(lastEventHash).append('\n');
        for (Object v : columns) {
            if (v == null) {
                sb.append("-1:");
            } else {
                String text = String.valueOf(v);
                sb.append(text.length()).append(':').append(text);
            }
        }
        return sha256Hex(sb.toString());
    }

    /** The hex SHA-256 of a text's UTF-8 bytes (the flow JSON, a chunk's body). */
    public static String sha256Hex(String text) {
        return HEX.formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hash of a text of the given chunks. */
    public static String textHash(List<String> chunkHashes) {
        return textHash("", chunkHashes);
    }

    /** The hash of the text {@code base} (a text hash, "" for none) followed by the given chunks. */
    public static String textHash(String base, List<String> chunkHashes) {
        String h = base;
        for (String chunk : chunkHashes) {
            h = nextTextHash(h, chunk);
        }
        return h;
    }

    /** h(j) from h(j-1) and chunk hash j. */
    public static String nextTextHash(String previous, String chunkHash) {
        MessageDigest sha = SHA256.get();
        sha.update(previous.getBytes(StandardCharsets.US_ASCII));
        sha.update(chunkHash.getBytes(StandardCharsets.US_ASCII));
        return HEX.formatHex(sha.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
