package dev.baton.flow.io;

import dev.baton.engine.SampleFlows;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A save killed between creating its temp file and renaming it leaves {@code .NAME.json.<digits>.tmp} beside the flow.
 * The next save of that flow (or opening it in the designer) removes such leftovers once they are old enough to belong
 * to no save in progress, and touches nothing else: not another flow's temp files, not other names, not links.
 */
class FlowFilesStaleTempTest {

    @TempDir
    Path dir;

    @Test
    void theNextSaveRemovesOnlyItsOwnOldLeftovers() throws Exception {
        Path flow = dir.resolve("team.json");
        FlowFiles.save(flow, SampleFlows.blogChain());
        Instant old = Instant.now().minus(Duration.ofHours(1));
        Path leftover = plant(".team.json.8412973650012.tmp", old);
        Path leftover2 = plant(".team.json.17.tmp", old);
        Path fresh = plant(".team.json.99.tmp", Instant.now()); // a save in progress, maybe another Baton's
        Path otherFlow = plant(".other.json.123.tmp", old);
        Path otherName = plant(".team.json.abc.tmp", old);
        Path noDot = plant("team.json.123.tmp", old);
        Path editorBackup = plant(".team.json.swp", old);
        Path target = plant("precious.txt", old);
        Path link = dir.resolve(".team.json.555.tmp");
        Files.createSymbolicLink(link, target);

        FlowFiles.save(flow, SampleFlows.blogChain());

        assertThat(leftover).doesNotExist();
        assertThat(leftover2).doesNotExist();
        assertThat(fresh).exists();
        assertThat(otherFlow).exists();
        assertThat(otherName).exists();
        assertThat(noDot).exists();
        assertThat(editorBackup).exists();
        assertThat(target).exists();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(FlowFiles.load(flow).flow()).isEqualTo(SampleFlows.blogChain());
    }

    @Test
    void openingTheFlowRemovesLeftoversButValidatingLoadsTouchNothing() throws Exception {
        Path flow = dir.resolve("team.json");
        FlowFiles.save(flow, SampleFlows.blogChain());
        Path leftover = plant(".team.json.4242.tmp", Instant.now().minus(Duration.ofMinutes(10)));

        FlowFiles.load(flow); // what validate and run use: reading never changes the directory
        assertThat(leftover).exists();

        assertThat(FlowFiles.removeStaleTemps(flow)).isEqualTo(1); // what the designer's open does after loading
        assertThat(leftover).doesNotExist();
    }

    @Tag("slow")
    @Test
    void savesKilledMidWriteLeaveLeftoversThatTheNextSaveRemoves() throws Exception {
        Path flow = dir.resolve("killed.json");
        Random random = new Random(12);
        int leftovers = 0;
        for (int round = 0; round < 30 && leftovers < 3; round++) {
            Path log = dir.resolve("child-" + round + ".out");
            Process child = new ProcessBuilder(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), SaveLoopChild.class.getName(), flow.toString())
                    .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int killAfter = 3 + random.nextInt(6);
            long firstSave = 0;
            while (saves(log) < killAfter) {
                assertThat(child.isAlive() && System.nanoTime() < deadline).as("round %d: child saving", round)
                        .isTrue();
                if (firstSave == 0 && saves(log) >= 1) {
                    firstSave = System.nanoTime();
                }
                Thread.sleep(1);
            }
            // a save validates and serialises first and writes last: kill somewhere in the later part of one save
            // cycle as this machine runs it (a fixed few ms after a save hit only the CPU part on a fast machine)
            long cycleMicros = Math.max(1000, (System.nanoTime() - firstSave) / 1000 / (killAfter - 1));
            TimeUnit.MICROSECONDS.sleep(cycleMicros / 3 + (long) (random.nextDouble() * cycleMicros * 2 / 3));
            child.destroyForcibly(); // SIGKILL on Linux: the save stops wherever it is
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            leftovers += temps(flow).size();
        }
        assertThat(leftovers).as("kills that landed inside a save").isPositive();
        // the last save of the killed child left the old file or the new one, never half of either
        assertThat(FlowFiles.load(flow).flow().nodes()).hasSizeGreaterThan(6);
        // a minute later nothing is saving any more: the leftovers are old, the next save removes them
        for (Path p : temps(flow)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        }
        Flow small = SampleFlows.blogChain();
        FlowFiles.save(flow, small);
        assertThat(temps(flow)).isEmpty();
        assertThat(FlowFiles.load(flow).flow()).isEqualTo(small);
    }

    private Path plant(String name, Instant modified) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "{\"format\": \"baton.flow/1\"");
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return p;
    }

    private static List<Path> temps(Path flow) throws IOException {
        String prefix = "." + flow.getFileName() + ".";
        try (Stream<Path> s = Files.list(flow.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static int saves(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return (int) lines.filter(l -> l.startsWith("saved ")).count();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
