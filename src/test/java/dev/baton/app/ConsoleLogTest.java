package dev.baton.app;

import dev.baton.secret.Redactor;
import dev.baton.tool.mcp.McpTestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/** Libraries' log records reach Baton's console as one redacted line each. */
class ConsoleLogTest {

    private static final String TOKEN = "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789";

    @TempDir
    Path dir;

    @Test
    void aRecordIsOneRedactedLineWithItsSourceAndItsFailure() {
        LogRecord r = new LogRecord(Level.WARNING, "request to {0} failed");
        r.setParameters(new Object[] {"https://user:hunter2secret@api.example.com/v1?key=" + TOKEN});
        r.setLoggerName("dev.langchain4j.http.client.jdk.JdkHttpClient");
        r.setThrown(new IllegalStateException("Authorization: Bearer " + TOKEN + "\nsecond line"));
        String line = new ConsoleLog.OneLine(false, Redactor.shapesOnly()).format(r);
        assertThat(line).startsWith("baton: warning from JdkHttpClient: request to https://")
                .contains("(IllegalStateException: Authorization: Bearer ").doesNotContain(TOKEN)
                .doesNotContain("hunter2secret");
        assertThat(line.lines().count()).isEqualTo(1);
    }

    @Test
    void withDebugTheStackTraceFollowsRedacted() {
        LogRecord r = new LogRecord(Level.SEVERE, "boom");
        r.setThrown(new RuntimeException("key " + TOKEN));
        String text = new ConsoleLog.OneLine(true, Redactor.shapesOnly()).format(r);
        assertThat(text).contains("\tat ").doesNotContain(TOKEN);
    }

    /**
     * A whole {@code baton run} whose MCP server prints a key and junk to stdout: stderr is the one problem line,
     * with the key redacted (it used to hold two-line JDK warnings quoting each junk line, the key in clear).
     */
    @Test
    void anMcpServerPrintingAKeyToStdoutLeavesItOffTheConsole() throws Exception {
        Path server = dir.resolve("srv.js");
        Files.writeString(server, "process.stdout.write('debug: using token " + TOKEN + " now\\n');\n"
                + "setInterval(() => process.stdout.write('<html>garbage {not json\\n'), 300);\n");
        // the MCP sample, its server swapped for the leaky one
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode sample = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(Path.of("sample-flows/mcp-filesystem-review.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample.get("tools")).set("mcpServers", json.readTree(
                "[{\"name\": \"fs\", \"command\": \"" + McpTestServers.node() + "\", \"args\": [\"" + server
                        + "\"], \"startTimeoutSeconds\": 2}]"));
        Path flow = dir.resolve("flow.json");
        json.writeValue(flow.toFile(), sample);
        Path err = dir.resolve("err.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-Dbaton.home=" + dir.resolve("home"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", flow.toString(), "--input", "x", "--no-audit", "--no-input")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(err);
        assertThat(String.join("\n", lines)).doesNotContain(TOKEN).doesNotContain("WARNING");
        // the program the flow names is announced before it starts, then the one line of its failure
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("note: starting MCP server fs: " + McpTestServers.node() + " ");
        assertThat(lines.get(1)).contains("MCP server 'fs'").contains("'debug: using token [REDACTED] now'");
        assertThat(child.exitValue()).isNotZero();
    }
}
