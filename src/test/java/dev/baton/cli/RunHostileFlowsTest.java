package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flows and inputs found by the reliability trial that validated and then took a run down: a deadline of
 * {@code Long.MAX_VALUE} seconds, a lone surrogate in a name, a length check asking for a gigabyte. Each is now
 * refused before the run with a located message, and a run whose events file could not be written never exits 0.
 */
class RunHostileFlowsTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result baton(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BatonCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Path variant(String from, String to) throws Exception {
        String sample = Files.readString(Path.of("sample-flows/chain-blog-article.json"));
        assertThat(sample).contains(from);
        Path p = dir.resolve("variant.json");
        Files.writeString(p, sample.replace(from, to));
        return p;
    }

    private Result run(Path flow, String input) {
        return baton("run", flow.toString(), "--input", input, "--no-input", "--no-audit", "--events",
                dir.resolve("events.jsonl").toString());
    }

    @Test
    void aDeadlineOfLongMaxSecondsIsRefusedNotAnInternalError() throws Exception {
        Path flow = variant("\"runDeadlineSeconds\": 900", "\"runDeadlineSeconds\": 9223372036854775807");
        Result v = baton("validate", flow.toString());
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.err()).contains("/limits/runDeadlineSeconds", "at most 604,800");

        Result r = run(flow, "Heat pumps");
        assertThat(r.code()).isEqualTo(RunCommand.INVALID);
        assertThat(r.err()).contains("runDeadlineSeconds").doesNotContain("overflow").doesNotContain("\tat ");
    }

    @Test
    void aLoneSurrogateInANameIsRefusedWithItsLocation() throws Exception {
        Path flow = variant("\"name\": \"Writer\"", "\"name\": \"Wri\\ud800ter\"");
        Result v = baton("validate", flow.toString());
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.err()).containsPattern("variant.json: \\d+:\\d+ /nodes/2/name: error: node #3: the text holds a"
                + " lone surrogate");

        Result r = run(flow, "Heat pumps");
        assertThat(r.code()).isEqualTo(RunCommand.INVALID);
        assertThat(r.err()).contains("lone surrogate");
        assertThat(dir.resolve("events.jsonl")).doesNotExist();
    }

    @Test
    void aLengthCheckAskingForAGigabyteIsRefused() throws Exception {
        Path flow = variant("\"min\": 400", "\"min\": 999999999");
        Result r = run(flow, "Heat pumps");
        assertThat(r.code()).isEqualTo(RunCommand.INVALID);
        assertThat(r.err()).contains("999,999,999", "at most 1,000,000");
        assertThat(dir.resolve("events.jsonl")).doesNotExist();
    }

    @Test
    void anEventsFileThatCannotBeWrittenFailsTheCommand() throws Exception {
        // a lone surrogate in the input cannot be encoded as UTF-8: writing the first event fails
        Result r = run(Path.of("sample-flows/chain-blog-article.json"), "Heat pumps \ud800");
        assertThat(r.code()).isEqualTo(RunCommand.FAILED);
        assertThat(r.err()).contains("the events file", "is incomplete").doesNotContain("\tat ");
    }
}
