package dev.baton.audit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of a run, twenty times: the database opens, holds every event whose commit was acknowledged
 * before the kill, gap-free, with an intact hash chain, and shows the run INTERRUPTED with the last event seen.
 */
@Tag("slow")
class AuditCrashTest {

    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void killedWriterLeavesEveryAcknowledgedEventAndAnInterruptedRun() throws Exception {
        Random random = new Random(4);
        for (int round = 0; round < KILLS; round++) {
            Path db = dir.resolve("crash-" + round);
            long killAfter = 5 + random.nextInt(400);
            Path log = dir.resolve("child-" + round + ".out");
            // stdout goes to a file, not a pipe: after the kill every line the child wrote is still there to read
            Process child = new ProcessBuilder(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    // round 0 also opens the database beside the child (a reader, a second writer): its model calls
                    // take 40 ms so that its run is still going on a fast machine (at 3 ms it could end first)
                    AuditCrashChild.class.getName(), db.toString(), round == 0 ? "40" : "3")
                    .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                ChildLog seen = ChildLog.read(log);
                if (seen.runId() != null && seen.acknowledged() >= killAfter) {
                    if (round == 0) {
                        assertReadableWhileTheChildWrites(db, seen.runId());
                    }
                    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
                    break;
                }
                assertThat(seen.finished()).as("round %d: the run ended before the kill", round).isFalse();
                assertThat(child.isAlive() && System.nanoTime() < deadline).as("round %d: child alive", round)
                        .isTrue();
                Thread.sleep(2);
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            ChildLog last = ChildLog.read(log);
            String runId = last.runId();
            long acknowledged = last.acknowledged();
            assertThat(last.finished()).as("round %d: the run must not have finished", round).isFalse();
            assertThat(runId).as("round %d: child never started", round).isNotNull();
            assertThat(acknowledged).isGreaterThanOrEqualTo(killAfter);

            List<String> recovered;
            try (AuditWriter writer = AuditWriter.open(db)) {
                recovered = writer.recoveredRuns();
            }
            assertThat(recovered).containsExactly(runId);
            try (H2AuditStore store = H2AuditStore.open(db)) {
                AuditStore.RunSummary run = store.run(runId).orElseThrow();
                assertThat(run.status()).isEqualTo("INTERRUPTED");
                List<AuditStore.StoredEvent> events = store.events(runId);
                assertThat(events.size()).as("round %d", round).isGreaterThanOrEqualTo((int) acknowledged);
                for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i).seq()).isEqualTo(i + 1);
                }
                assertThat(run.lastSeq()).isEqualTo(events.size());
                assertThat(run.statusDetail()).contains("#" + events.size(),
                        events.get(events.size() - 1).kind());
                assertThat(store.verify().intact()).as("round %d", round).isTrue();
            }
        }
    }

    /** Processes take turns on the database: a reader and a second writer get in while the child writes. */
    private static void assertReadableWhileTheChildWrites(Path db, String runId) throws Exception {
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo("RUNNING");
        }
        try (AuditWriter writer = AuditWriter.open(db)) {
            assertThat(writer.recoveredRuns()).as("the child's run is alive: not recovered").isEmpty();
        }
    }

    /** What the child printed so far (a last line cut by the kill is ignored). */
    private record ChildLog(String runId, long acknowledged, boolean finished) {
        static ChildLog read(Path log) throws IOException {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            String runId = null;
            long ack = 0;
            boolean finished = false;
            int end = text.lastIndexOf('\n');
            for (String line : end < 0 ? new String[0] : text.substring(0, end).split("\n")) {
                if (line.startsWith("started ")) {
                    runId = line.substring("started ".length());
                } else if (line.startsWith("committed ")) {
                    ack = Math.max(ack, Long.parseLong(line.substring("committed ".length())));
                } else if (line.equals("finished")) {
                    finished = true;
                }
            }
            return new ChildLog(runId, ack, finished);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
