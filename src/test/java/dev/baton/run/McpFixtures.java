package dev.baton.run;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Flows with MCP servers for the run tests, the reference servers from npm (installed by
 * {@code .ci/install-mcp-servers}) and small misbehaving servers written as node scripts: real processes speaking
 * the real protocol (or failing to).
 */
final class McpFixtures {

    /**
     * A JSON-RPC server over stdio answering initialize and tools/list with the tools {@code wait}, {@code crash}
     * and {@code garble}: {@code wait} never answers, {@code crash} exits with code 3, {@code garble} writes garbage
     * to stdout and never answers. With {@code $PID_FILE} set it writes its pid there; it ignores the end of its
     * stdin (a timer keeps it alive), as a badly written server would.
     */
    static final String STUBBORN_SERVER = """
            if (process.env.PID_FILE) require('fs').writeFileSync(process.env.PID_FILE, String(process.pid));
            setInterval(() => {}, 1000);
            const rl = require('readline').createInterface({ input: process.stdin });
            const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
            const tool = (name, description) => ({ name, description,
              inputSchema: { type: 'object', properties: {} }, annotations: { readOnlyHint: true } });
            rl.on('line', (line) => {
              const msg = JSON.parse(line);
              if (msg.method === 'initialize') {
                send({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: msg.params.protocolVersion,
                  capabilities: { tools: {} }, serverInfo: { name: 'stubborn', version: '1' } } });
              } else if (msg.method === 'tools/list') {
                send({ jsonrpc: '2.0', id: msg.id, result: { tools: [tool('wait', 'waits forever'),
                  tool('crash', 'crashes the server'), tool('garble', 'garbles its output')] } });
              } else if (msg.method === 'tools/call') {
                const name = msg.params.name;
                if (name === 'crash') {
                  process.stderr.write('fatal: lost my database\\n');
                  setTimeout(() => process.exit(3), 50);
                } else if (name === 'garble') {
                  process.stdout.write('<html>garbage {not json\\n');
                }
              } else if (msg.id !== undefined) {
                send({ jsonrpc: '2.0', id: msg.id, result: {} });
              }
            });
            """;

    private McpFixtures() {
    }

    /** The node executable, or the test is skipped (locally) or failed (in CI). */
    static String node() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return "node";
            }
        } catch (Exception ignored) {
            // not installed
        }
        if (System.getenv("CI") != null) {
            fail("node is not installed: .ci/run installs it, the MCP tests need it");
        }
        Assumptions.abort("node is not installed: the MCP run tests are skipped");
        return null;
    }

    /** The entry script of a reference server {@code @modelcontextprotocol/<name>}. */
    static String reference(String name) {
        node();
        Path dir = Path.of(System.getProperty("baton.mcpServers", "target/mcp-servers"));
        Path script = dir.resolve("node_modules/@modelcontextprotocol").resolve(name).resolve("dist/index.js");
        if (!Files.isRegularFile(script)) {
            fail("the MCP reference server " + name + " is not installed at " + script
                    + ": run .ci/install-mcp-servers (.ci/run does)");
        }
        return script.toAbsolutePath().toString();
    }

    /** START → one agent with {@code tools} → OUTPUT, the agent told {@code instructions}, with these servers. */
    static Flow flow(List<String> tools, String instructions, McpServerDecl... servers) {
        return Flow.empty("mcp", "mcp")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("agent", NodeKind.AGENT, "Agent").withRole("assistant")
                        .withInstructions(instructions).withTools(tools))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "agent"))
                .addEdge(Edge.next("e2", "agent", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(servers), null, Map.of()));
    }

    /** A stdio server declaration. */
    static McpServerDecl stdio(String name, List<String> commandAndArgs, Integer callTimeout, String... env) {
        return new McpServerDecl(name, commandAndArgs.get(0), commandAndArgs.subList(1, commandAndArgs.size()),
                List.of(env), null, Map.of(), 20, callTimeout);
    }

    /** Node processes started by this JVM (directly) that are still running, after waiting up to 5 s for them. */
    static List<ProcessHandle> nodeChildrenAfterWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<ProcessHandle> left;
        do {
            left = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().orElse("").contains("node")).toList();
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return left;
    }

    static void assertNoServerLeft() throws InterruptedException {
        assertThat(nodeChildrenAfterWaiting()).as("MCP server processes left running").isEmpty();
    }
}
