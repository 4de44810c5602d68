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

    @Test
    void eventTimesAreWrittenExactlyAsInstantToString() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(12);
        java.util.List<Instant> times = new java.util.ArrayList<>(java.util.List.of(Instant.EPOCH,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.ofEpochSecond(-1, 1), Instant.parse("2026-12-07T11:15:28.100Z"),
                Instant.parse("2026-12-07T11:15:28.000120Z"), Instant.parse("2024-02-29T23:59:59.000000001Z")));
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            times.add(Instant.ofEpochSecond(seconds, nano));
        }
        for (Instant t : times) {
            assertThat(AuditHashes.isoInstant(t)).as("%s", t).isEqualTo(t.toString());
        }
    }
}
