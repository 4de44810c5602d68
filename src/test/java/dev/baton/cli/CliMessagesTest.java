package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages cannot forge lines, bad option values are refused with a message, file errors say why (issue 12). */
class CliMessagesTest {

    @TempDir
    Path tmp;

    private static ValidateCommandTest.Result run(String... args) {
        return ValidateCommandTest.run(args);
    }

    @Test
    void anIdHoldingALineBreakCannotForgeAValidLine() throws IOException {
        String sample = Files.readString(Path.of("sample-flows/chain-blog-article.json"));
        Path forged = tmp.resolve("forged.json");
        // an edge to a node that does not exist, named so that its message would print a line of its own
        Files.writeString(forged, sample.replace("\"to\": \"writer\"",
                "\"to\": \"ghost\\nother.json: valid (9 nodes, 9 edges)\\u001b[2K\""));

        ValidateCommandTest.Result r = run("validate", forged.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat((r.out() + r.err()).lines()).noneMatch(l -> l.startsWith("other.json"));
        assertThat(r.err()).contains("ghost\\nother.json: valid").contains("\\u001b[2K").doesNotContain("\u001b");
    }

    @Test
    void aLoadErrorQuotingAValueEscapesItsControlCharacters() throws IOException {
        String sample = Files.readString(Path.of("sample-flows/chain-blog-article.json"));
        Path bad = tmp.resolve("bad-kind.json");
        // a value the mapping refuses, quoted in the load error: its line break and escape sequence are shown escaped
        Files.writeString(bad, sample.replace("\"kind\": \"AGENT\"",
                "\"kind\": \"AGENT\\nother.json: valid\\u001b[2K\""));

        ValidateCommandTest.Result r = run("validate", bad.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("\\nother.json: valid").contains("\\u001b[2K").doesNotContain("\u001b");
    }

    @Test
    void anEmptyAuditPathIsRefused() throws IOException {
        Path flow = tmp.resolve("f.json");
        Files.copy(Path.of("sample-flows/chain-blog-article.json"), flow);

        ValidateCommandTest.Result r = run("run", flow.toString(), "--input", "x", "--audit", "");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--audit needs a path").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aNegativeSimulatedLatencyIsRefused() {
        ValidateCommandTest.Result r = run("run", "sample-flows/chain-blog-article.json", "--input", "x",
                "--no-audit", "--sim-latency", "-5");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--sim-latency must be 0 or more milliseconds, not -5");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownStatusIsRefusedInsteadOfListingNothing() {
        ValidateCommandTest.Result r = run("audit", "list", "--db", tmp.resolve("audit").toString(),
                "--status", "bogus");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("unknown status 'bogus' for --status").contains("SUCCEEDED");
        assertThat(r.out()).doesNotContain("no runs recorded");
    }

    @Test
    void aLowerCaseKnownStatusStillWorks() {
        ValidateCommandTest.Result r = run("audit", "list", "--db", tmp.resolve("missing").toString(),
                "--status", "succeeded");

        assertThat(r.err()).doesNotContain("unknown status");
    }

    @Test
    void anAuditFolderBlockedByAFileSaysWhyNotOnlyThePath() throws IOException {
        Path blocker = tmp.resolve("blocker");
        Files.writeString(blocker, "a file where a folder should be");

        ValidateCommandTest.Result r = run("run", "sample-flows/chain-blog-article.json", "--input", "x",
                "--audit", blocker.resolve("sub").resolve("audit").toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("cannot create the audit database directory")
                .doesNotContainPattern(": " + java.util.regex.Pattern.quote(blocker.toString()) + "\\s*\\(");
        assertThat(r.err()).containsAnyOf("a file is in the way", "not a directory");
    }
}
