package dev.baton.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event hash is the documented formula, byte for byte: SHA-256 of the previous hash followed by the UTF-8 of the
 * columns and the payload joined by newlines. The writer feeds the digest in parts (so as not to copy each payload
 * into a joined string); the chains of databases written before must keep verifying.
 */
class AuditHashesTest {

    @Test
    void eventHashIsTheDocumentedFormulaForAsciiAndNonAsciiTexts() throws Exception {
        Instant t = Instant.parse("2026-12-07T11:15:28.123456789Z");
        String[][] cases = {
            {"", "run-1", "RunStarted", "", "", "{\"input\":\"hello\"}"},
            {"ab12", "0193a3c4-7d7e-7000-8000-000000000001", "Handoff", "writer", "e1",
                "{\"text\":\"caf\u00e9 \u2014 \u65e5\u672c \ud83d\ude00\",\"n\":1}"},
            {"ff00", "r", "TokenChunk", "n\u00e9", "\ud83d\ude00", "{\"text\":\"\\n\"}"},
        };
        for (String[] c : cases) {
            String joined = c[1] + '\n' + 7L + '\n' + t + '\n' + c[2] + '\n' + c[3] + '\n' + c[4] + '\n' + c[5];
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(c[0].getBytes(StandardCharsets.US_ASCII));
            String expected = HexFormat.of().formatHex(sha.digest(joined.getBytes(StandardCharsets.UTF_8)));
            assertThat(AuditHashes.hash(c[0], c[1], 7L, t, c[2], c[3], c[4], c[5])).isEqualTo(expected);
        }
    }
}
