package dev.baton.tool.mcp;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Where the reference MCP servers from npm are ({@code .ci/install-mcp-servers} puts them under target/mcp-servers).
 * Missing servers fail the test (in CI above all); only a machine without node skips, and only outside CI.
 */
public final class McpTestServers {

    /**
     * A stdio server of our own (node) speaking MCP 2025-11-25 with three tools: {@code quick} (no {@code execution}),
     * {@code either} ({@code taskSupport "optional"}) and {@code research} ({@code taskSupport "required"}). As the
     * protocol says, a plain {@code tools/call} of {@code research} (one without {@code params.task}) is refused with
     * -32601; the others answer "done: NAME".
     */
    public static final String TASK_TOOLS_SERVER = """
            const rl = require('readline').createInterface({ input: process.stdin });
            const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
            const tool = (name, execution) => Object.assign({ name, description: name + ' tool',
              inputSchema: { type: 'object', properties: { topic: { type: 'string' } } },
              annotations: { readOnlyHint: true } }, execution ? { execution } : {});
            rl.on('line', (line) => {
              let m; try { m = JSON.parse(line); } catch (e) { return; }
              if (m.method === 'initialize') {
                send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion,
                  capabilities: { tools: {}, tasks: { requests: { tools: { call: {} } } } },
                  serverInfo: { name: 'tasks', version: '1' } } });
              } else if (m.method === 'tools/list') {
                send({ jsonrpc: '2.0', id: m.id, result: { tools: [tool('quick'),
                  tool('research', { taskSupport: 'required' }), tool('either', { taskSupport: 'optional' })] } });
              } else if (m.method === 'tools/call') {
                if (m.params.name === 'research' && !m.params.task) {
                  send({ jsonrpc: '2.0', id: m.id, error: { code: -32601,
                    message: 'Tool research requires task-based execution' } });
                } else {
                  send({ jsonrpc: '2.0', id: m.id, result: { content: [
                    { type: 'text', text: 'done: ' + m.params.name }] } });
                }
              } else if (m.id !== undefined) {
                send({ jsonrpc: '2.0', id: m.id, result: {} });
              }
            });
            """;

    private McpTestServers() {
    }

    /** The node executable, or the test is skipped (locally) or failed (CI). */
    public static String node() {
        if (!nodeRuns()) {
            if (System.getenv("CI") != null) {
                fail("node is not installed: .ci/run installs it, the MCP tests need it");
            }
            Assumptions.abort("node is not installed: the MCP tests against the reference servers are skipped "
                    + "(install node 20 and run .ci/install-mcp-servers)");
        }
        return "node";
    }

    /** The entry script of {@code @modelcontextprotocol/<name>}; fails with what to run when missing. */
    static String server(String name) {
        node();
        Path dir = Path.of(System.getProperty("baton.mcpServers", "target/mcp-servers"));
        Path script = dir.resolve("node_modules/@modelcontextprotocol").resolve(name).resolve("dist/index.js");
        if (!Files.isRegularFile(script)) {
            fail("the MCP reference server " + name + " is not installed at " + script
                    + ": run .ci/install-mcp-servers (.ci/run does)");
        }
        return script.toAbsolutePath().toString();
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
