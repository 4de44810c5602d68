package dev.baton.tool.bench;

import dev.baton.secret.Redactor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import dev.baton.tool.builtin.BuiltInTools;
import dev.baton.tool.mcp.McpConnection;
import dev.baton.tool.mcp.McpServerSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The cost of one tool call through {@link ToolRunner} (schema check, executor hand-off, cap, redaction): a built-in
 * calculator call, and one MCP call over stdio to the reference server-everything's echo (median and p95).
 * Run with the test classpath; the MCP part needs .ci/install-mcp-servers.
 */
public final class ToolCallBench {

    private ToolCallBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.calls", 2000);
        try (ToolRunner runner = new ToolRunner(BuiltInTools.registerAll(new ToolRegistry(),
                BuiltInTools.Settings.defaults(null, List.of())), Redactor.shapesOnly())) {
            report("built-in calculator", measure(runner, "calculator", "{\"expression\":\"(1250000 * 0.035) / 12\"}", n));
        }
        Path script = Path.of(System.getProperty("baton.mcpServers", "target/mcp-servers"),
                "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
        if (!Files.isRegularFile(script)) {
            System.out.println("MCP part skipped: " + script + " missing (run .ci/install-mcp-servers)");
            return;
        }
        long t0 = System.nanoTime();
        try (McpConnection c = McpConnection.start(McpServerSpec.stdio("everything",
                List.of("node", script.toString(), "stdio"), Map.of()))) {
            System.out.printf("MCP stdio start (spawn node, initialize, tools/list): %.0f ms%n",
                    (System.nanoTime() - t0) / 1e6);
            ToolRegistry r = new ToolRegistry();
            c.tools().forEach(r::register);
            try (ToolRunner runner = new ToolRunner(r, Redactor.shapesOnly())) {
                report("MCP stdio echo", measure(runner, "echo", "{\"message\":\"bench\"}", Math.min(n, 500)));
            }
        }
    }

    private static long[] measure(ToolRunner runner, String tool, String args, int n) {
        for (int i = 0; i < Math.min(200, n); i++) {
            check(runner.call(tool, args));
        }
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            check(runner.call(tool, args));
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        return ns;
    }

    private static void check(ToolResult r) {
        if (r.error()) {
            throw new IllegalStateException(r.content());
        }
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("%s: %d calls, median %.1f µs, p95 %.1f µs%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.95)] / 1e3);
    }
}
