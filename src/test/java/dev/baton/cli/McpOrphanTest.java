package dev.baton.cli;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.flow.io.FlowJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No MCP server outlives Baton, even when Baton's JVM is killed with {@code kill -9} (no shutdown hook runs): a real
 * child JVM runs {@code baton run} on a flow whose stdio server ignores the end of its stdin, the JVM is killed in the
 * middle of a tool call, and the server must be gone within a few seconds.
 */
class McpOrphanTest {

    @TempDir
    Path dir;

    /** Answers initialize and tools/list; a call of {@code wait} is never answered; stays alive after stdin ends. */
    private static final String STUBBORN = """
            require('fs').writeFileSync(process.env.PID_FILE, String(process.pid));
            setInterval(() => {}, 1000);
            const rl = require('readline').createInterface({ input: process.stdin });
            const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
            rl.on('line', (line) => {
              const msg = JSON.parse(line);
              if (msg.method === 'initialize') {
                send({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: msg.params.protocolVersion,
                  capabilities: { tools: {} }, serverInfo: { name: 'stubborn', version: '1' } } });
              } else if (msg.method === 'tools/list') {
                send({ jsonrpc: '2.0', id: msg.id, result: { tools: [{ name: 'wait', description: 'waits forever',
                  inputSchema: { type: 'object', properties: {} }, annotations: { readOnlyHint: true } }] } });
              } else if (msg.id !== undefined && msg.method !== 'tools/call') {
                send({ jsonrpc: '2.0', id: msg.id, result: {} });
              }
            });
            """;

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

    @Test
    void aStdioServerIsGoneWithinSecondsAfterBatonIsKilledWithSigkillMidCall() throws Exception {
        String node = node();
        Files.writeString(dir.resolve("stubborn.js"), STUBBORN);
        Flow flow = Flow.empty("orphan", "orphan")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("agent", NodeKind.AGENT, "Agent").withRole("assistant")
                        .withTools(List.of("st/wait")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "agent"))
                .addEdge(Edge.next("e2", "agent", "out"))
                .withTools(new ToolSettings(null, List.of(), List.of(new McpServerDecl("st", node,
                        List.of(dir.resolve("stubborn.js").toString()), List.of("PID_FILE"), null, Map.of(), 20, 600)), null, Map.of()));
        Path flowFile = dir.resolve("flow.json");
        Files.writeString(flowFile, FlowJson.write(flow));
        Path pidFile = dir.resolve("server.pid");
        Path stderr = dir.resolve("baton.err");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=true",
                "-Dbaton.home=" + dir.resolve("home"), "-cp", System.getProperty("java.class.path"),
                "dev.baton.app.Main", "run", flowFile.toString(), "--no-audit", "--no-input",
                "--input", "Please wait for the data")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
        pb.environment().put("PID_FILE", pidFile.toString());
        Process baton = pb.start();
        ProcessHandle server = null;
        try {
            // mid-run: the agent's call of the server's tool is under way (the CLI prints it as a progress line)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && baton.isAlive()
                    && !(Files.exists(stderr) && Files.readString(stderr).contains("tool agent -> st/wait"))) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(stderr)).as("baton run is in the middle of the call")
                    .contains("tool agent -> st/wait");
            server = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
            assertThat(server.isAlive()).isTrue();

            baton.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(baton.waitFor(10, TimeUnit.SECONDS)).isTrue();

            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (server.isAlive() && System.nanoTime() < gone) {
                Thread.sleep(100);
            }
            assertThat(server.isAlive()).as("the MCP server 6 s after Baton was killed").isFalse();
        } finally {
            baton.destroyForcibly();
            Optional.ofNullable(server).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
