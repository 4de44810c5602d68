package dev.baton.audit;

import dev.baton.flow.Flow;
import dev.baton.secret.PlantedKeys;
import dev.baton.secret.Redactor;
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
        Flow flow = AuditTestRuns.sample("chain-blog-article.json");
        Path db = dir.resolve("audit");
        String input = "Write about " + VISIBLE + ". Use key " + KNOWN_KEY + " and " + SHAPED_KEY + " with header "
                + BEARER;
        try (AuditWriter writer = AuditWriter.open(db, notice -> { }, new Redactor(java.util.List.of(KNOWN_KEY)))) {
            AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(3), flow, input);
        }
        byte[] file = Files.readAllBytes(db.resolveSibling("audit.mv.db"));
        // the search works: text that is not secret is found in the same file
        assertThat(indexOf(file, VISIBLE)).isNotNegative();
        assertThat(indexOf(file, Redactor.REDACTED)).isNotNegative();
        for (String secret : new String[] {KNOWN_KEY, SHAPED_KEY, "plantedBearerToken998877", "plantedAAAABBBB"}) {
            assertThat(indexOf(file, secret)).as(secret).isNegative();
        }
    }

    /** Every shape of the one table, in a short and in a long (chunked) input: none reaches the file. */
    @Test
    void everyPlantedShapeIsAbsentFromTheDatabaseBytes() throws Exception {
        Flow flow = AuditTestRuns.sample("chain-blog-article.json");
        Path db = dir.resolve("audit");
        String filler = "An ordinary paragraph about heat pumps in winter and their running cost. ".repeat(6);
        try (AuditWriter writer = AuditWriter.open(db, notice -> { }, PlantedKeys.redactor())) {
            AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(3), flow,
                    VISIBLE + " " + PlantedKeys.allInOneText());
            AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(4), flow,
                    filler + "\n\n" + PlantedKeys.allInOneText() + "\n\n" + filler);
        }
        byte[] file = Files.readAllBytes(db.resolveSibling("audit.mv.db"));
        assertThat(indexOf(file, VISIBLE)).isNotNegative();
        for (PlantedKeys.Planted p : PlantedKeys.ALL) {
            assertThat(indexOf(file, p.secret())).as(p.shape()).isNegative();
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

    /** Every folder created for a/b/c/db is 700, not only the last one (issue 12). */
    @Test
    void everyNestedFolderCreatedForTheDatabaseIsOwnerOnly() throws Exception {
        Path db = dir.resolve("a").resolve("b").resolve("c").resolve("audit");
        try (AuditWriter writer = AuditWriter.open(db)) {
            assertThat(writer.database()).isEqualTo(db.toAbsolutePath());
        }
        Set<PosixFilePermission> rwx = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        for (Path p = db.getParent(); !p.equals(dir); p = p.getParent()) {
            assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(rwx);
        }
    }

    /**
     * The database file is never readable by others, not even for the moment between H2 creating it and a chmod:
     * a watcher polls its mode while the writer opens it.
     */
    @Test
    void theDatabaseFileIsOwnerOnlyFromItsFirstMoment() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path db = dir.resolve("r" + round).resolve("audit");
            Files.createDirectories(db.getParent());
            Path file = db.resolveSibling("audit.mv.db");
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Thread watcher = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        seen.add(java.nio.file.attribute.PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(file)));
                    } catch (java.io.IOException e) {
                        Thread.onSpinWait(); // not there yet
                    }
                }
            });
            watcher.start();
            try (AuditWriter writer = AuditWriter.open(db)) {
                assertThat(writer.database()).isNotNull();
            } finally {
                stop.set(true);
                watcher.join();
            }
            assertThat(seen).as("modes seen while opening").containsOnly("rw-------");
        }
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
