package dev.baton.tool.builtin;

import dev.baton.secret.Redactor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import dev.baton.tool.ToolSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The file tools against paths that try to leave the workspace: each gets a clear error and nothing outside moves. */
class FileToolsSecurityTest {

    @TempDir
    Path temp;
    private Path ws;
    private Path outside;
    private ToolRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        ws = Files.createDirectories(temp.resolve("ws"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "outside secret");
        Files.writeString(ws.resolve("notes.txt"), "line one\nThe Invoice total is 42\nline three\n");
        Files.createDirectories(ws.resolve("data/sub"));
        Files.writeString(ws.resolve("data/sub/invoice.csv"), "id,total\n1,42\n");
        Files.createSymbolicLink(ws.resolve("etc-link"), Path.of("/etc"));
        Files.createSymbolicLink(ws.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(ws.resolve("out-dir"), outside);
        Files.createSymbolicLink(ws.resolve("out-file"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(ws.resolve("inner-link"), ws.resolve("notes.txt"));
        var settings = new BuiltInTools.Settings(new Workspace(ws), new HostAllowList(List.of()), 64, 1024,
                1024, Duration.ofSeconds(5), Clock.systemUTC());
        runner = new ToolRunner(BuiltInTools.registerAll(new ToolRegistry(), settings), Redactor.shapesOnly());
    }

    @AfterEach
    void tearDown() {
        runner.close();
    }

    private ToolResult call(String tool, Object... kv) {
        var args = ToolSchemas.MAPPER.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            args.set((String) kv[i], ToolSchemas.MAPPER.valueToTree(kv[i + 1]));
        }
        return runner.call(tool, args);
    }

    @Test
    void readsAFileInsideAndAFileReachedThroughALinkThatStaysInside() {
        ToolResult r = call("read_file", "path", "notes.txt");
        assertThat(r.error()).as(r.content()).isFalse();
        assertThat(r.content()).startsWith("line one");
        assertThat(call("read_file", "path", "inner-link").content()).startsWith("line one");
        assertThat(call("read_file", "path", "data/sub/invoice.csv").content()).contains("1,42");
    }

    @Test
    void readsAreCappedAndSayWhereToReadOn() throws Exception {
        Files.writeString(ws.resolve("big.txt"), "a".repeat(200));
        ToolResult first = call("read_file", "path", "big.txt");
        assertThat(first.content()).startsWith("a".repeat(64) + "\n[the file has 136 more bytes; read on with offset 64]");
        ToolResult next = call("read_file", "path", "big.txt", "offset", 192);
        assertThat(next.content()).isEqualTo("a".repeat(8));
    }

    @Test
    void traversalAbsoluteAndWindowsPathsAreRefused() {
        for (String bad : List.of("../outside/secret.txt", "data/../../outside/secret.txt", "/etc/passwd",
                "C:\\Windows\\win.ini", "..\\outside\\secret.txt", "c:/x.txt", "\\\\server\\share\\x", "~/x",
                "data/sub/../../..", "nul\0byte")) {
            ToolResult r = call("read_file", "path", bad);
            assertThat(r.error()).as(bad).isTrue();
            assertThat(r.content()).as(bad).doesNotContain("outside secret").doesNotContain("root:");
        }
        assertThat(call("read_file", "path", "../outside/secret.txt").content()).contains("'..' is not allowed");
        assertThat(call("read_file", "path", "/etc/passwd").content()).contains("absolute");
        assertThat(call("read_file", "path", "C:\\Windows\\win.ini").content()).contains("Windows-style");
    }

    @Test
    void symlinksLeavingTheWorkspaceAreRefusedForReading() {
        for (String bad : List.of("passwd", "etc-link/passwd", "etc-link", "out-dir/secret.txt", "out-file")) {
            ToolResult r = call("read_file", "path", bad);
            assertThat(r.error()).as(bad).isTrue();
            assertThat(r.content()).as(bad).contains("outside the workspace");
        }
        assertThat(call("list_files", "path", "etc-link").error()).isTrue();
        assertThat(call("list_files", "path", "out-dir").error()).isTrue();
        assertThat(call("search_files", "query", "x", "path", "out-dir").error()).isTrue();
    }

    @Test
    void writesStayInsideAndNeverGoThroughALink() throws Exception {
        ToolResult ok = call("write_file", "path", "reports/q1/summary.md", "content", "# Q1");
        assertThat(ok.error()).as(ok.content()).isFalse();
        assertThat(Files.readString(ws.resolve("reports/q1/summary.md"))).isEqualTo("# Q1");
        assertThat(call("write_file", "path", "reports/q1/summary.md", "content", "!", "append", true).error())
                .isFalse();
        assertThat(Files.readString(ws.resolve("reports/q1/summary.md"))).isEqualTo("# Q1!");

        for (String bad : List.of("out-file", "out-dir/new.txt", "out-dir/deeper/new.txt", "passwd",
                "inner-link", "../outside/new.txt", "/tmp/x.txt", "etc-link/hosts", "C:\\x.txt")) {
            ToolResult r = call("write_file", "path", bad, "content", "pwned");
            assertThat(r.error()).as(bad + " -> " + r.content()).isTrue();
        }
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("outside secret");
        try (var s = Files.list(outside)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        }
        assertThat(Files.readString(ws.resolve("notes.txt"))).startsWith("line one");
    }

    @Test
    void writesAreCappedInSize() {
        ToolResult r = call("write_file", "path", "big.txt", "content", "x".repeat(2000));
        assertThat(r.error()).isTrue();
        assertThat(r.content()).contains("2000 bytes").contains("1024");
        assertThat(Files.exists(ws.resolve("big.txt"))).isFalse();
    }

    @Test
    void listingShowsLinksWithoutEnteringThem() {
        ToolResult r = call("list_files", "recursive", true);
        assertThat(r.error()).as(r.content()).isFalse();
        assertThat(r.content()).contains("data/sub/invoice.csv (14 bytes)", "data/", "etc-link (link)",
                "out-dir (link)");
        assertThat(r.content()).doesNotContain("secret.txt").doesNotContain("etc-link/");
    }

    @Test
    void searchFindsTextInsideAndNothingBehindLinks() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "Invoice outside");
        ToolResult r = call("search_files", "query", "invoice");
        assertThat(r.error()).as(r.content()).isFalse();
        assertThat(r.content()).contains("notes.txt:2: The Invoice total is 42");
        assertThat(r.content()).doesNotContain("outside");
        assertThat(call("search_files", "query", "invoice", "caseSensitive", true).content())
                .startsWith("no line contains");
        Files.write(ws.resolve("blob.bin"), new byte[]{(byte) 0xff, (byte) 0xfe, 'I', 'n', 'v', 'o', 'i', 'c', 'e'});
        assertThat(call("search_files", "query", "invoice").content()).doesNotContain("blob.bin");
        assertThat(new String(Files.readAllBytes(ws.resolve("notes.txt")), StandardCharsets.UTF_8))
                .contains("Invoice");
    }
}
