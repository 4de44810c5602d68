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
 * its UTF-8 bytes, a text's the SHA-256 of its chunk hashes (hex) concatenated in order.
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
        String content = runId + '\n' + seq + '\n' + time + '\n' + kind + '\n' + nodeId + '\n' + edgeId + '\n'
                + payload;
        sha.update(content.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(sha.digest());
    }

    /** The hex SHA-256 of a text's UTF-8 bytes (the flow JSON, a chunk's body). */
    public static String sha256Hex(String text) {
        return HEX.formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A text's hash: the SHA-256 of its chunks' hex hashes concatenated in order. */
    public static String textHash(List<String> chunkHashes) {
        MessageDigest sha = SHA256.get();
        for (String h : chunkHashes) {
            sha.update(h.getBytes(StandardCharsets.US_ASCII));
        }
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
