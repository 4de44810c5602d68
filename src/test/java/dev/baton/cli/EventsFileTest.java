package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --events}: flushed line by line, owner-only, never truncated by a refused run, failures fail (issue 12). */
class EventsFileTest {

    private static final String SAMPLE = "sample-flows/chain-blog-article.json";

    @TempDir
    Path dir;

    /** A run killed with SIGKILL leaves every line it emitted, each whole JSON. */
    @Test
    void aKilledRunLeavesEveryEmittedLineWhole() throws Exception {
        Path events = dir.resolve("events.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-Dbaton.home=" + dir.resolve("home"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", SAMPLE, "--input", "Heat pumps", "--no-audit", "--sim-latency", "3000", "--events",
                events.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int seen = 0;
            while (seen < 3 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
                seen = Files.exists(events) ? Files.readAllLines(events).size() : 0;
            }
            assertThat(child.isAlive()).as("the run is still going (3 s per model call)").isTrue();
            assertThat(seen).as("lines on disk while the run goes").isGreaterThanOrEqualTo(3);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            child.waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(events);
        assertThat(text).endsWith("\n");
        List<String> lines = text.lines().toList();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            assertThat(json.readTree(lines.get(i)).get("seq").asLong()).isEqualTo(i + 1);
        }
        assertThat(json.readTree(lines.get(0)).get("type").asText()).isEqualTo("RunStarted");
    }

    @Test
    void aRunRefusedBeforeItStartsLeavesAnExistingEventsFileAlone() throws IOException {
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "{\"the\":\"previous run\"}\n");
        Path notADatabase = dir.resolve("notes");
        Files.writeString(dir.resolve("notes.mv.db"), "not an H2 file");

        ValidateCommandTest.Result r = ValidateCommandTest.run("run", SAMPLE, "--input", "x", "--audit",
                notADatabase.toString(), "--events", events.toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("not an H2 database");
        assertThat(Files.readString(events)).isEqualTo("{\"the\":\"previous run\"}\n");
    }

    @Test
    void eventsFilesAreOwnerOnlyNewOrReplaced() throws IOException {
        Path fresh = dir.resolve("fresh.jsonl");
        Path existing = dir.resolve("existing.jsonl");
        Files.writeString(existing, "old\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));

        for (Path events : List.of(fresh, existing)) {
            ValidateCommandTest.Result r = ValidateCommandTest.run("run", SAMPLE, "--input", "x", "--no-audit",
                    "--events", events.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(events))).isEqualTo("rw-------");
            assertThat(Files.readString(events)).startsWith("{\"type\":\"RunStarted\"");
        }
    }

    /** A full disk: the run may finish, but the command must not say it all went well. */
    @Test
    void aFailingEventsWriterFailsTheCommand() {
        ValidateCommandTest.Result r = ValidateCommandTest.run("run", SAMPLE, "--input", "x", "--no-audit",
                "--events", "/dev/full");

        assertThat(r.code()).isEqualTo(RunCommand.FAILED);
        assertThat(r.err()).contains("the events file /dev/full is incomplete").contains("No space left on device");
    }

    @Test
    void exportFilesAreOwnerOnly() throws IOException {
        Path db = dir.resolve("audit");
        ValidateCommandTest.Result ran = ValidateCommandTest.run("run", SAMPLE, "--input", "x", "--audit",
                db.toString());
        assertThat(ran.code()).as(ran.err()).isZero();
        String runId = ran.err().replaceAll("(?s).*recorded as (\\S+).*", "$1");
        Path export = dir.resolve("export.json");

        ValidateCommandTest.Result r = ValidateCommandTest.run("audit", "export", runId, "--db", db.toString(),
                "--format", "json", "-o", export.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export))).isEqualTo("rw-------");
    }
}
