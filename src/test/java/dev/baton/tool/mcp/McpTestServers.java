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
