package dev.baton.tool.mcp;

import dev.baton.secret.Redactor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Servers that misbehave, written by the test as small node scripts: each failure is one line with the server's
 * stderr, within its time limit, and no child is left running.
 */
class McpBrokenServersTest {

    @TempDir
    Path temp;

    /** A JSON-RPC server answering initialize and tools/list; what it does on tools/call is the test's. */
    private static final String HALF_SERVER = """
            const rl = require('readline').createInterface({ input: process.stdin });
            const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
            rl.on('line', (line) => {
              const msg = JSON.parse(line);
              if (msg.method === 'initialize') {
                send({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: msg.params.protocolVersion,
                  capabilities: { tools: {} }, serverInfo: { name: 'half', version: '1' } } });
              } else if (msg.method === 'tools/list') {
                send({ jsonrpc: '2.0', id: msg.id, result: { tools: [{ name: 'crash', description: 'dies',
                  inputSchema: { type: 'object', properties: {} }, annotations: { readOnlyHint: true } }] } });
              } else if (msg.method === 'tools/call') {
                process.stderr.write('fatal: lost my database\\n');
                setTimeout(() => process.exit(3), 50);
              } else if (msg.id !== undefined) {
                send({ jsonrpc: '2.0', id: msg.id, result: {} });
              }
            });
            """;

    private McpServerSpec script(String name, String source, Duration start) throws Exception {
        String node = McpTestServers.node();
        Path file = temp.resolve(name + ".js");
        Files.writeString(file, source);
        return new McpServerSpec(name, List.of(node, file.toString()), Map.of(), null, null, start,
                Duration.ofSeconds(3));
    }

    private static void assertNoChildOf(ProcessHandle me) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline
                && me.children().anyMatch(c -> c.info().command().orElse("").contains("node"))) {
            Thread.sleep(100);
        }
        assertThat(me.children().filter(c -> c.info().command().orElse("").contains("node")).toList())
                .as("node children left running").isEmpty();
    }

    @Test
    void aServerThatNeverAnswersIsAProblemAtItsStartTimeoutAndIsKilled() throws Exception {
        McpServerSpec spec = script("silent", "process.stderr.write('warming up forever\\n');"
                + "setInterval(() => {}, 1000);", Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        McpStartException e = assertThrows(McpStartException.class, () -> McpConnection.start(spec));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
        assertThat(e.getMessage()).startsWith("MCP server 'silent' (").contains("did not answer")
                .contains("stderr: warming up forever").doesNotContain("\n");
        assertNoChildOf(ProcessHandle.current());
    }

    @Test
    void aServerWritingGarbageToStdoutIsAProblemWithItsStderr() throws Exception {
        McpServerSpec spec = script("garbage", "process.stderr.write('I am not an MCP server\\n');"
                + "setInterval(() => process.stdout.write('<html>garbage {not json\\n'), 100);", Duration.ofSeconds(2));
        McpStartException e = assertThrows(McpStartException.class, () -> McpConnection.start(spec));
        assertThat(e.getMessage()).startsWith("MCP server 'garbage'").contains("I am not an MCP server")
                .contains("did not answer within 2 s")
                .contains("it wrote to stdout what is not MCP (JSON-RPC): '<html>garbage {not json'")
                .doesNotContain("\n");
        assertNoChildOf(ProcessHandle.current());
    }

    @Test
    void aKeyAServerPrintsToStdoutIsRedactedWhereTheProblemQuotesIt() throws Exception {
        String token = "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789";
        McpServerSpec spec = script("leaky", "process.stdout.write('debug: token " + token + "\\n');"
                + "setInterval(() => {}, 1000);", Duration.ofSeconds(2));
        McpStartException e = assertThrows(McpStartException.class, () -> McpConnection.start(spec));
        assertThat(e.getMessage()).contains("what is not MCP (JSON-RPC): 'debug: token [REDACTED]'")
                .doesNotContain(token);
        assertNoChildOf(ProcessHandle.current());
    }

    @Test
    void aServerThatExitsAtStartSaysSoWithItsExitCodeAndStderr() throws Exception {
        McpServerSpec spec = script("quits", "console.error('missing config file /nope.json'); process.exit(2);",
                Duration.ofSeconds(5));
        long t0 = System.nanoTime();
        McpStartException e = assertThrows(McpStartException.class, () -> McpConnection.start(spec));
        assertThat(e.getMessage()).contains("missing config file /nope.json").doesNotContain("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(9));
    }

    @Test
    void aTokenTheServerPrintsToStderrIsRedactedInTheProblem() throws Exception {
        String token = "mcp-token-" + "Zk29xQ81Lm";
        Redactor redactor = new Redactor(List.of(token));
        McpServerSpec spec = script("chatty", "console.error('starting with token " + token + "'); process.exit(1);",
                Duration.ofSeconds(5));
        McpStartException e = assertThrows(McpStartException.class, () -> McpConnection.start(spec, redactor));
        assertThat(e.getMessage()).contains("starting with token " + Redactor.REDACTED).doesNotContain(token);
    }

    @Test
    void aCommandThatDoesNotExistIsAProblemNotACrash() {
        McpServerSpec spec = McpServerSpec.stdio("nothing", List.of("/no/such/mcp-server-binary"), Map.of())
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
        McpStartException e = assertThrows(McpStartException.class, () -> McpConnection.start(spec));
        assertThat(e.getMessage()).startsWith("MCP server 'nothing' (/no/such/mcp-server-binary)")
                .doesNotContain("\n");
    }

    @Test
    void aServerThatExitsMidCallGivesAnErrorResultAndTheNextCallToo() throws Exception {
        McpServerSpec spec = script("half", HALF_SERVER, Duration.ofSeconds(10));
        try (McpConnection c = McpConnection.start(spec)) {
            ToolRegistry registry = new ToolRegistry();
            c.tools().forEach(registry::register);
            try (ToolRunner runner = new ToolRunner(registry, Redactor.shapesOnly())) {
                long t0 = System.nanoTime();
                ToolResult r = runner.call("crash", "{}");
                assertThat(r.error()).isTrue();
                assertThat(r.content()).contains("MCP server 'half'");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
                Thread.sleep(300);
                ToolResult again = runner.call("crash", "{}");
                assertThat(again.error()).isTrue();
                assertThat(again.content()).contains("no longer running").contains("exit code 3")
                        .contains("lost my database");
            }
        }
        assertNoChildOf(ProcessHandle.current());
    }

    @Test
    void aCallTheServerNeverAnswersIsAnErrorResultAtTheCallTimeoutNotASuccess() throws Exception {
        // answers initialize and tools/list, then nothing: the client gives up at the call timeout (3 s here)
        McpServerSpec spec = script("mute", HALF_SERVER.replace("process.stderr.write('fatal: lost my database\\n');", "")
                .replace("setTimeout(() => process.exit(3), 50);", ""), Duration.ofSeconds(10));
        try (McpConnection c = McpConnection.start(spec)) {
            ToolRegistry registry = new ToolRegistry();
            c.tools().forEach(registry::register);
            try (ToolRunner runner = new ToolRunner(registry, Redactor.shapesOnly())) {
                long t0 = System.nanoTime();
                ToolResult r = runner.call("crash", "{}");
                assertThat(r.error()).as(r.content()).isTrue();
                assertThat(r.content()).isEqualTo("MCP server 'mute' did not answer within 3 s (the call was cancelled)");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
            }
        }
        assertNoChildOf(ProcessHandle.current());
    }

    @Test
    void aServerLeftOpenIsStoppedByTheShutdownHookWhenBatonExits() throws Exception {
        // kept alive by a timer: without the hook it would outlive its parent, whose exit closes its stdin
        McpServerSpec spec = script("stubborn", HALF_SERVER + "setInterval(() => {}, 1000);\n",
                Duration.ofSeconds(10));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                McpHookChild.class.getName(), spec.command().get(0), spec.command().get(1))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new String(child.getInputStream().readNBytes(40)).strip();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        assertThat(line).as("the child printed its server's pid").matches("pid \\d+");
        ProcessHandle server = ProcessHandle.of(Long.parseLong(line.substring(4))).orElse(null);
        if (server != null) {
            server.onExit().get(5, TimeUnit.SECONDS);
            assertThat(server.isAlive()).as("the MCP server after Baton's exit").isFalse();
        }
    }
}
