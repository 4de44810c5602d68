package dev.baton.audit;

import dev.baton.engine.model.provider.SecretRedactor;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** API keys never reach the database file; the file is private to its owner. */
class AuditSecretsTest {

    /** A key value "in use" (registered as the credentials seam does), of no recognisable shape. */
    private static final String KNOWN_KEY = "plantedKey0f9e8d7c6b5a";
    private static final String SHAPED_KEY = "sk-plantedAAAABBBBCCCCDDDD1234";
    private static final String BEARER = "Authorization: Bearer plantedBearerToken998877";
    private static final String VISIBLE = "marker-visible-4711";

    @TempDir
    Path dir;

    @Test
    void plantedKeysAppearNowhereInTheDatabaseFile() throws Exception {
        SecretRedactor.registerSecret(KNOWN_KEY);
        Flow flow = AuditTestRuns.sample("chain-blog-article.json");
        Path db = dir.resolve("audit");
        String input = "Write about " + VISIBLE + ". Use key " + KNOWN_KEY + " and " + SHAPED_KEY + " with header "
                + BEARER;
        try (AuditWriter writer = AuditWriter.open(db)) {
            AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(3), flow, input);
        }
        byte[] file = Files.readAllBytes(db.resolveSibling("audit.mv.db"));
        // the search works: text that is not secret is found in the same file
        assertThat(indexOf(file, VISIBLE)).isNotNegative();
        assertThat(indexOf(file, SecretRedactor.REDACTED)).isNotNegative();
        for (String secret : new String[] {KNOWN_KEY, SHAPED_KEY, "plantedBearerToken998877", "plantedAAAABBBB"}) {
            assertThat(indexOf(file, secret)).as(secret).isNegative();
        }
    }

    @Test
    void databaseFileAndCreatedDirectoryAreOwnerOnly() throws Exception {
        Path db = dir.resolve("new-home").resolve("audit");
        try (AuditWriter writer = AuditWriter.open(db)) {
            assertThat(writer.database()).isEqualTo(db.toAbsolutePath());
        }
        assertThat(Files.getPosixFilePermissions(db.resolveSibling("audit.mv.db")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(db.getParent())).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        // the gate file (AuditGate) stays: deleting a lock file another process may be opening would race it
        assertThat(Files.list(db.getParent()).map(p -> p.getFileName().toString()))
                .as("no trace or H2 lock files left beside it").containsExactlyInAnyOrder("audit.mv.db",
                        "audit" + AuditGate.SUFFIX);
        assertThat(Files.getPosixFilePermissions(AuditGate.file(db)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
