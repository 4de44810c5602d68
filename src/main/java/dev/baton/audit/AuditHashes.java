package dev.baton.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The tamper-evidence chain: {@code hash = SHA-256(previous hash || canonical content)} per run, the first event's
 * previous hash being empty. Canonical content is the typed columns and the payload joined by newlines, with the
 * time in ISO-8601 UTC ({@link Instant#toString()}), so that anyone can recompute it with SQL and a SHA-256 tool.
 */
public final class AuditHashes {

    private AuditHashes() {
    }

    /** The hex hash of one event row given the previous row's hex hash ("" for the first). */
    public static String hash(String previousHash, String runId, long seq, Instant time, String kind, String nodeId,
                              String edgeId, String payload) {
        MessageDigest sha = sha256();
        sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        String content = runId + '\n' + seq + '\n' + time + '\n' + kind + '\n' + nodeId + '\n' + edgeId + '\n'
                + payload;
        sha.update(content.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The hex SHA-256 of a text's UTF-8 bytes (used for the flow JSON). */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
