package dev.baton.audit;

import dev.baton.engine.RunEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A writer reads the database whole before writing unless the file is exactly as a checked writer left it
 * ({@link LeftAsChecked}): a change made in place (same file, same size) between two turns is found, by a new writer
 * and by a long-lived one (the designer's) taking its next turn, and the damaged file is never written.
 */
class AuditLeftAsCheckedTest {

    @TempDir
    Path dir;

    private static void record(AuditWriter writer, String runId) throws Exception {
        AuditListener l = writer.listenerFor(AuditCrashChild.longChain(2));
        for (RunEvent e : SyntheticRuns.fullChain(runId, 2, 1, 7)) {
            l.onEvent(e);
        }
        assertThat(l.awaitCommitted(Duration.ofSeconds(30))).isTrue();
    }

    private static String recorded(Path db) throws Exception {
        try (FileChannel ch = FileChannel.open(AuditGate.file(db), StandardOpenOption.READ)) {
            return LeftAsChecked.read(ch);
        }
    }

    @Test
    void aCleanCloseRecordsTheFileAndTheNextWriterFindsItAsLeft() throws Exception {
        Path db = dir.resolve("audit");
        try (AuditWriter writer = AuditWriter.open(db)) {
            record(writer, "run-a");
        }
        Path file = AuditPaths.dataFile(db);
        assertThat(recorded(db)).isNotNull().isEqualTo(LeftAsChecked.identity(file));
        // readers (audit list/show/verify) open it read-only: the record stays good, so writers stay on the fast path
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.verify().intact()).isTrue();
            assertThat(store.events("run-a")).isNotEmpty();
        }
        try (AuditGate.Hold hold = AuditGate.acquire(db, true)) {
            assertThat(hold.leftAsChecked(file)).isTrue();
        }
        // any write to the file, even one that puts the same byte back, changes its identity
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(5000);
            int b = raf.read();
            raf.seek(5000);
            raf.write(b);
        }
        try (AuditGate.Hold hold = AuditGate.acquire(db, true)) {
            assertThat(hold.leftAsChecked(file)).isFalse();
        }
    }

    @Test
    void aFlipInPlaceIsFoundByTheNextWriterWhichLeavesTheFileAlone() throws Exception {
        Path db = dir.resolve("audit");
        try (AuditWriter writer = AuditWriter.open(db)) {
            record(writer, "run-a");
            record(writer, "run-b");
        }
        byte[] bad = flipInPlace(db);
        assertThatThrownBy(() -> AuditWriter.open(db).close()).isInstanceOf(AuditException.class)
                .hasMessageContaining("damaged");
        assertThat(Arrays.equals(Files.readAllBytes(AuditPaths.dataFile(db)), bad)).as("never written").isTrue();
    }

    @Test
    void aLongLivedWriterReadsTheFileWholeAgainAfterAChangeBetweenItsTurns() throws Exception {
        Path db = dir.resolve("audit");
        try (AuditWriter writer = AuditWriter.open(db)) {
            record(writer, "run-a");
            record(writer, "run-b");
            // the writer gives the database up after 200 ms idle and records the file as it left it
            Path file = AuditPaths.dataFile(db);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!LeftAsChecked.identity(file).equals(recorded(db)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(recorded(db)).isEqualTo(LeftAsChecked.identity(file));
            byte[] bad = flipInPlace(db);
            AuditListener l = writer.listenerFor(AuditCrashChild.longChain(2));
            for (RunEvent e : SyntheticRuns.fullChain("run-c", 2, 1, 9)) {
                l.onEvent(e);
            }
            assertThatThrownBy(() -> l.awaitCommitted(Duration.ofSeconds(30))).isInstanceOf(AuditException.class)
                    .hasMessageContaining("damaged");
            assertThat(Arrays.equals(Files.readAllBytes(file), bad)).as("never written").isTrue();
        } catch (AuditException closing) {
            // closing a failed writer reports its failure again
        }
    }

    /**
     * Changes, in place, the type-and-length bytes before the newest event's hash (a page of the events table, not
     * of runs): H2 cannot read that row, so audit verify calls the file damaged. Returns the file's new bytes.
     */
    private byte[] flipInPlace(Path db) throws Exception {
        String hash;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db + ";ACCESS_MODE_DATA=r", "sa", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT hash FROM events ORDER BY event_key DESC LIMIT 1 OFFSET 4")) {
            assertThat(rs.next()).isTrue();
            hash = rs.getString(1);
        }
        Path file = AuditPaths.dataFile(db);
        byte[] good = Files.readAllBytes(file);
        byte[] needle = hash.getBytes(StandardCharsets.US_ASCII);
        for (int at = good.length - needle.length; at > 4096; at--) {
            if (!Arrays.equals(good, at, at + needle.length, needle, 0, needle.length)) {
                continue;
            }
            for (int before = 1; before <= 3; before++) {
                byte[] bad = good.clone();
                bad[at - before] ^= 0x55;
                Path copy = dir.resolve("probe.mv.db");
                Files.write(copy, bad);
                boolean damaged;
                try (H2AuditStore store = H2AuditStore.open(dir.resolve("probe"))) {
                    store.verify();
                    damaged = false;
                } catch (AuditException e) {
                    damaged = e.kind() == AuditException.Kind.UNUSABLE;
                }
                Files.delete(copy);
                if (damaged) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                        raf.seek(at - before);
                        raf.write(bad[at - before]);
                    }
                    return bad;
                }
            }
        }
        throw new AssertionError("no flip before the event hash " + hash + " made verify call the file damaged");
    }
}
