package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton validate}: exit codes and one-line, located messages for every kind of bad file. */
class ValidateCommandTest {

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BatonCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    static List<String> samples() throws IOException {
        List<String> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("sample-flows"), "*.json")) {
            dir.forEach(p -> files.add(p.toString()));
        }
        files.sort(null);
        return files;
    }

    @Test
    void allSamplesAreValid() throws IOException {
        List<String> args = new ArrayList<>(List.of("validate"));
        args.addAll(samples());
        Result r = run(args.toArray(String[]::new));
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).hasSize(samples().size()).allMatch(l -> l.contains(": valid ("));
    }

    @Test
    void invalidFlowGetsLocatedProblemsAndExitOne() throws IOException {
        String sample = Files.readString(Path.of("sample-flows/chain-blog-article.json"));
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, sample.replace("\"to\": \"writer\"", "\"to\": \"ghost-writer\""));
        Result r = run("validate", broken.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(broken + ": ").contains("ghost-writer").containsPattern("\\d+:\\d+ /edges/\\d+");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void syntaxErrorIsLocated() throws IOException {
        Path broken = tmp.resolve("syntax.json");
        Files.writeString(broken, "{\n  \"format\": \"baton.flow/1\",\n  \"id\": \n}\n");
        Result r = run("validate", broken.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith(broken + ": ").containsPattern(": \\d+:\\d+");
    }

    @Test
    void unreadableFilesGetOneLineReasons() throws IOException {
        Path missing = tmp.resolve("missing.json");
        Path directory = Files.createDirectory(tmp.resolve("dir.json"));
        Path empty = Files.createFile(tmp.resolve("empty.json"));
        Path latin1 = tmp.resolve("latin1.json");
        Files.write(latin1, "{\"format\": \"baton.flow/1\", \"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        Path huge = tmp.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024); // sparse: gigabytes of zero bytes, cheap to create
        }
        Result r = run("validate", missing.toString(), directory.toString(), empty.toString(), latin1.toString(),
                huge.toString(), "sample-flows/chain-blog-article.json");
        assertThat(r.code()).isEqualTo(1);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith(missing + ": ");
        assertThat(lines.get(1)).startsWith(directory + ": ");
        assertThat(lines.get(2)).startsWith(empty + ": ");
        assertThat(lines.get(3)).startsWith(latin1 + ": ");
        assertThat(lines.get(4)).startsWith(huge + ": ");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).contains("chain-blog-article.json: valid");
    }

    @Test
    void usageErrorsExitOneWithoutStackTrace() {
        Result r = run("validate");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("Missing required parameter");
        Result unknown = run("frobnicate");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).doesNotContain("\tat ");
    }

    @Test
    void helpAndVersion() {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("validate");
        Result version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("Baton ").contains("baton.flow/1");
    }
}
