package dev.baton.tool.mcp;

import dev.baton.flow.ApprovalPolicy;
import dev.baton.secret.Redactor;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRisk;
import dev.baton.tool.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Baton's MCP adapter against the real reference servers from npm, over stdio and Streamable HTTP. */
class McpReferenceServersTest {

    @TempDir
    Path temp;

    private static ToolRunner runner(McpConnection c) {
        ToolRegistry r = new ToolRegistry();
        c.tools().forEach(r::register);
        return new ToolRunner(r, Redactor.shapesOnly());
    }

    private static ToolDescriptor tool(McpConnection c, String name) {
        return c.tools().stream().map(Tool::descriptor).filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void filesystemServerOverStdioListsAnnotatedToolsCallsThemAndIsGoneAfterClose() throws Exception {
        String script = McpTestServers.server("server-filesystem");
        Path root = Files.createDirectories(temp.resolve("root")).toRealPath();
        Files.writeString(root.resolve("hello.txt"), "hello from the workspace");
        List<ProcessHandle> tree;
        try (McpConnection c = McpConnection.start(McpServerSpec.stdio("fs",
                List.of(McpTestServers.node(), script, root.toString()), Map.of()))) {
            assertThat(c.tools()).extracting(t -> t.descriptor().name())
                    .contains("read_text_file", "write_file", "list_directory");
            ToolDescriptor read = tool(c, "read_text_file");
            assertThat(read.risk()).isEqualTo(ToolRisk.READ_ONLY);
            assertThat(read.defaultPolicy()).isEqualTo(ApprovalPolicy.AUTO);
            assertThat(read.server()).isEqualTo("fs");
            assertThat(read.parameters().at("/properties/path/type").asText()).isEqualTo("string");
            assertThat(tool(c, "write_file").risk()).isEqualTo(ToolRisk.DESTRUCTIVE);
            assertThat(tool(c, "write_file").defaultPolicy()).isEqualTo(ApprovalPolicy.ASK);
            assertThat(tool(c, "create_directory").risk()).isEqualTo(ToolRisk.WRITES);

            try (ToolRunner runner = runner(c)) {
                ToolResult ok = runner.call("read_text_file",
                        "{\"path\":\"" + root.resolve("hello.txt") + "\"}");
                assertThat(ok.error()).as(ok.content()).isFalse();
                assertThat(ok.content()).contains("hello from the workspace");
                ToolResult denied = runner.call("read_text_file", "{\"path\":\"/etc/passwd\"}");
                assertThat(denied.error()).isTrue();
                assertThat(denied.content()).doesNotContain("root:");
                ToolResult bad = runner.call("read_text_file", "{\"nopath\":1}");
                assertThat(bad.error()).isTrue();
            }
            Process p = c.process().orElseThrow();
            tree = new java.util.ArrayList<>(p.descendants().toList());
            tree.add(p.toHandle());
            assertThat(p.isAlive()).isTrue();
        }
        for (ProcessHandle h : tree) {
            h.onExit().get(5, TimeUnit.SECONDS);
            assertThat(h.isAlive()).as("pid " + h.pid() + " after close").isFalse();
        }
    }

    @Test
    void everythingServerOverStdioEchoesAndAdds() throws Exception {
        String script = McpTestServers.server("server-everything");
        try (McpConnection c = McpConnection.start(McpServerSpec.stdio("everything",
                List.of(McpTestServers.node(), script, "stdio"), Map.of()));
             ToolRunner runner = runner(c)) {
            ToolResult echo = runner.call("echo", "{\"message\":\"baton says hi\"}");
            assertThat(echo.error()).as(echo.content()).isFalse();
            assertThat(echo.content()).contains("baton says hi");
            ToolResult sum = runner.call("get-sum", "{\"a\":2,\"b\":40}");
            assertThat(sum.content()).contains("42");
        }
    }

    @Test
    void imagesResourcesAndLinksAreResultsTheModelCanRead() throws Exception {
        // LangChain4j's own extractor threw on any content but text: a server that answered with a picture, a
        // resource or a link made the call an error although it had succeeded
        String script = McpTestServers.server("server-everything");
        try (McpConnection c = McpConnection.start(McpServerSpec.stdio("everything",
                List.of(McpTestServers.node(), script, "stdio"), Map.of()));
             ToolRunner runner = runner(c)) {
            ToolResult image = runner.call("get-tiny-image", "{}");
            assertThat(image.error()).as(image.content()).isFalse();
            assertThat(image.content()).containsPattern("\\[image \\(image/png, \\d+ bytes\\) returned by the tool")
                    .doesNotContain("base64").hasSizeLessThan(2_000);
            ToolResult mixed = runner.call("get-annotated-message", "{\"messageType\":\"success\",\"includeImage\":true}");
            assertThat(mixed.error()).as(mixed.content()).isFalse();
            assertThat(mixed.content()).contains("[image (image/png").containsPattern("(?i)success");
            ToolResult text = runner.call("get-resource-reference", "{\"resourceType\":\"Text\",\"resourceId\":1}");
            assertThat(text.error()).as(text.content()).isFalse();
            assertThat(text.content()).containsPattern("\\[resource \\S+1").contains("\n");
            ToolResult blob = runner.call("get-resource-reference", "{\"resourceType\":\"Blob\",\"resourceId\":2}");
            assertThat(blob.error()).as(blob.content()).isFalse();
            assertThat(blob.content()).contains("not shown to the model");
            ToolResult links = runner.call("get-resource-links", "{\"count\":2}");
            assertThat(links.error()).as(links.content()).isFalse();
            assertThat(links.content().split("\\[resource link: ", -1)).hasSize(3);
        }
    }

    @Test
    void aServersLogMessagesGoWithItsStderrNotToTheConsole() throws Exception {
        String script = McpTestServers.server("server-everything");
        java.util.List<java.util.logging.LogRecord> console = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler spy = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (String.valueOf(record.getMessage()).contains("MCP logger")
                        || String.valueOf(record.getLoggerName()).contains("logging")) {
                    console.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(spy);
        try (McpConnection c = McpConnection.start(McpServerSpec.stdio("everything",
                List.of(McpTestServers.node(), script, "stdio"), Map.of()));
             ToolRunner runner = runner(c)) {
            ToolResult on = runner.call("toggle-simulated-logging", "{}");
            assertThat(on.error()).as(on.content()).isFalse();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (!c.stderrTail().contains("log ") && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(c.stderrTail()).containsPattern("log (debug|info|notice|warning|error|critical|alert|emergency)");
            assertThat(console).isEmpty();
        } finally {
            root.removeHandler(spy);
        }
    }

    @Test
    void aValueTheServerWasGivenIsRedactedInWhatItAnswers() throws Exception {
        // McpServers makes the run's redactor remember every variable and header value it hands a server; a server
        // that echoes one (a token in an error message, say) must not pass it on to the model or an event
        String token = "tok-" + "b71e3c0f9a42";
        Redactor redactor = new Redactor(List.of(token));
        String script = McpTestServers.server("server-everything");
        try (McpConnection c = McpConnection.start(McpServerSpec.stdio("everything",
                List.of(McpTestServers.node(), script, "stdio"), Map.of()), redactor);
             ToolRunner runner = runner(c)) {
            ToolResult echo = runner.call("echo", "{\"message\":\"my token is " + token + "\"}");
            assertThat(echo.error()).as(echo.content()).isFalse();
            assertThat(echo.content()).contains("my token is " + Redactor.REDACTED).doesNotContain(token);
        }
    }

    @Test
    void everythingServerOverStreamableHttp() throws Exception {
        String script = McpTestServers.server("server-everything");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(McpTestServers.node(), script, "streamableHttp")
                .redirectErrorStream(true).redirectOutput(temp.resolve("http-server.log").toFile());
        pb.environment().put("PORT", String.valueOf(port));
        Process server = pb.start();
        try {
            waitForPort(port, server);
            try (McpConnection c = McpConnection.start(McpServerSpec.http("web", "http://127.0.0.1:" + port + "/mcp",
                    Map.of("X-Baton-Test", "1")));
                 ToolRunner runner = runner(c)) {
                assertThat(c.process()).isEmpty();
                assertThat(tool(c, "echo").server()).isEqualTo("web");
                ToolResult echo = runner.call("echo", "{\"message\":\"over http\"}");
                assertThat(echo.error()).as(echo.content()).isFalse();
                assertThat(echo.content()).contains("over http");
            }
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anHttpServerThatRestartsMidRunAnswersTheCallAfterTheOneThatFailed() throws Exception {
        // LangChain4j's client keeps the old session: after a restart every later call failed (HTTP 400 / 404,
        // ClosedChannelException) until the run ended
        String script = McpTestServers.server("server-everything");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process first = httpServer(script, port, "first");
        Process second = null;
        try {
            waitForPort(port, first);
            try (McpConnection c = McpConnection.start(McpServerSpec.http("web", "http://127.0.0.1:" + port + "/mcp",
                    Map.of()).withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10)));
                 ToolRunner runner = runner(c)) {
                assertThat(runner.call("echo", "{\"message\":\"one\"}").content()).contains("one");
                first.descendants().forEach(ProcessHandle::destroyForcibly);
                first.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                second = httpServer(script, port, "second");
                waitForPort(port, second);
                ToolResult lost = runner.call("echo", "{\"message\":\"two\"}");
                assertThat(lost.error()).as(lost.content()).isTrue();
                assertThat(lost.content()).startsWith("MCP server 'web' ").contains("a new session is opened")
                        .doesNotContain("\n");
                ToolResult back = runner.call("echo", "{\"message\":\"three\"}");
                assertThat(back.error()).as(back.content()).isFalse();
                assertThat(back.content()).contains("three");
            }
        } finally {
            for (Process p : new Process[] {first, second}) {
                if (p != null) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private Process httpServer(String script, int port, String log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(McpTestServers.node(), script, "streamableHttp")
                .redirectErrorStream(true).redirectOutput(temp.resolve(log + ".log").toFile());
        pb.environment().put("PORT", String.valueOf(port));
        return pb.start();
    }

    @Test
    void anHttpServerThatIsNotThereIsAOneLineProblem() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        var e = org.junit.jupiter.api.Assertions.assertThrows(McpStartException.class, () -> McpConnection.start(
                McpServerSpec.http("gone", "http://127.0.0.1:" + port + "/mcp", Map.of())
                        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3))));
        assertThat(e.getMessage()).startsWith("MCP server 'gone' (http://127.0.0.1:" + port + "/mcp)")
                .doesNotContain("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    private static void waitForPort(int port, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the HTTP MCP server exited with " + server.exitValue());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the HTTP MCP server did not listen on " + port);
    }
}
