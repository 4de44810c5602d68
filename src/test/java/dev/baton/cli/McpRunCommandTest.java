package dev.baton.cli;

import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton run} of flows with MCP servers: a server that cannot start is one line and exit code 1 (as every
 * pre-run problem), never a stack trace; a key in an MCP tool's result never reaches the console, the events file or
 * the audit database.
 */
class McpRunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static String node() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return "node";
            }
        } catch (Exception ignored) {
            // not installed
        }
        Assumptions.assumeTrue(System.getenv("CI") != null, "node is not installed: skipped");
        throw new AssertionError("node is not installed: .ci/run installs it, the MCP tests need it");
    }

    private static Flow flow(List<String> tools, McpServerDecl... servers) {
        return Flow.empty("mcp", "mcp")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("agent", NodeKind.AGENT, "Agent").withRole("assistant").withTools(tools))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "agent"))
                .addEdge(Edge.next("e2", "agent", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(servers), null, Map.of()));
    }

    private int run(Flow flow, String... args) {
        RunCommand command = new RunCommand(f -> flow, new BufferedReader(new StringReader("")),
                new ChatModelFactory(new Credentials(name -> null, dir.resolve("home")), Duration.ofSeconds(5)));
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aServerThatDoesNotStartIsOneLineAndExitCode1NotAStackTrace() throws Exception {
        Path script = dir.resolve("quits.js");
        Files.writeString(script, "console.error('missing config file /nope.json'); process.exit(2);");
        McpServerDecl quits = new McpServerDecl("cfg", node(), List.of(script.toString()), List.of(), null,
                Map.of());

        int code = run(flow(List.of("cfg/read"), quits), dir.resolve("flow.json").toString(), "--input", "x",
                "--no-audit");

        assertThat(code).isEqualTo(RunCommand.INVALID);
        assertThat(err.toString().lines().toList()).containsExactly("note: starting MCP server cfg: node " + script
                        + " (in " + dir + ")", "error: MCP server 'cfg' (node " + script
                + ") failed: Operation cancelled due to transport failure: Process has exited; it exited with code 2;"
                + " stderr: missing config file /nope.json");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aProgramNotOnThePathIsAPreRunProblemNamingTheServer() {
        McpServerDecl fs = new McpServerDecl("fs", "npx-not-installed-here", List.of("-y", "server"), List.of(),
                null, Map.of());

        int code = run(flow(List.of("fs/read_text_file"), fs), dir.resolve("flow.json").toString(), "--input", "x",
                "--no-audit");

        assertThat(code).isEqualTo(RunCommand.INVALID);
        assertThat(err.toString().lines().toList()).containsExactly("error: MCP server 'fs' (npx-not-installed-here"
                + " -y server) cannot start: 'npx-not-installed-here' is not on the PATH");
    }

    @Test
    void aKeyInAnMcpToolResultIsRedactedOnTheConsoleInEventsAndInTheAudit() throws Exception {
        String key = "sk-proj-" + "Q9w8E7r6T5y4U3i2O1p0A9s8D7f6G5h4J3k2L1z0";
        Path script = Path.of(System.getProperty("baton.mcpServers", "target/mcp-servers"))
                .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js").toAbsolutePath();
        node();
        assertThat(script).as("run .ci/install-mcp-servers").isRegularFile();
        McpServerDecl everything = new McpServerDecl("ev", "node", List.of(script.toString(), "stdio"), List.of(),
                null, Map.of());
        Path events = dir.resolve("events.jsonl");
        Path audit = dir.resolve("audit");

        int code = run(flow(List.of("ev/echo"), everything), dir.resolve("flow.json").toString(),
                "--input", "Please echo \"" + key + "\"", "--events", events.toString(), "--audit", audit.toString());

        assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
        // the program the flow names is said before it starts, once
        assertThat(err.toString().lines().filter(l -> l.startsWith("note: starting MCP server "))).containsExactly(
                "note: starting MCP server ev: node " + script + " stdio (in " + dir + ")");
        assertThat(err.toString()).contains("tool agent -> ev/echo").contains("tool ev/echo ok")
                .contains(Redactor.REDACTED).doesNotContain(key);
        assertThat(out.toString()).doesNotContain(key);
        String lines = Files.readString(events);
        assertThat(lines).contains("\"server\":\"ev\"").contains(Redactor.REDACTED).doesNotContain(key);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + audit.toAbsolutePath(), "sa", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tool, server, error, result FROM tool_calls")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString("tool")).isEqualTo("echo");
            assertThat(r.getString("server")).isEqualTo("ev");
            assertThat(r.getBoolean("error")).isFalse();
            assertThat(r.getString("result")).contains(Redactor.REDACTED).doesNotContain(key);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("audit")).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(key);
            }
        }
    }
}
