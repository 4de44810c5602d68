package dev.baton.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunGate;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.baton.run.McpFixtures.flow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MCP servers over Streamable HTTP inside runs: the reference server-everything, and a small server of the test's
 * own (JSON responses over loopback HTTP, as the transport allows) that records the headers it gets and can drop.
 */
class McpHttpRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> tokensSeen = new CopyOnWriteArrayList<>();
    private HttpServer own;
    private Process everything;

    @AfterEach
    void stopServers() throws Exception {
        if (own != null) {
            own.stop(0);
        }
        if (everything != null) {
            everything.descendants().forEach(ProcessHandle::destroyForcibly);
            everything.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static ModelProvider noRealModels() {
        throw new IllegalStateException("these tests run on the simulated model");
    }

    private RunService service(Map<String, String> variables) {
        return new RunService(Redactor.shapesOnly(), McpHttpRunTest::noRealModels).withVariables(variables::get);
    }

    private RunResult run(RunService service, Flow flow, String input, RunGate gate) throws Exception {
        RunOptions options = RunOptions.DEFAULT.withoutAudit().withFlowFile(dir.resolve("flow.json")).withGate(gate);
        AuditedRun run = service.launch(flow, input, options, List.of((RunListener) events::add));
        try {
            RunResult result = run.handle().result().get(60, TimeUnit.SECONDS);
            run.handle().awaitEventsDelivered(Duration.ofSeconds(10));
            return result;
        } finally {
            run.close(Duration.ZERO);
        }
    }

    private RunEvent.ToolCallFinished finished() {
        return events.stream().filter(RunEvent.ToolCallFinished.class::isInstance)
                .map(RunEvent.ToolCallFinished.class::cast).findFirst().orElseThrow();
    }

    private static McpServerDecl http(String name, String url, Map<String, String> headers) {
        return new McpServerDecl(name, null, null, null, url, headers, 15, 5);
    }

    @Test
    void theReferenceServerOverStreamableHttpAnswersARunsCall() throws Exception {
        String script = McpFixtures.reference("server-everything");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(McpFixtures.node(), script, "streamableHttp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("everything.log").toFile());
        pb.environment().put("PORT", String.valueOf(port));
        everything = pb.start();
        waitForPort(port);

        RunResult result = run(service(Map.of("EV_TOKEN", "ev-token-1")), flow(List.of("web/echo"), "",
                        http("web", "http://127.0.0.1:" + port + "/mcp", Map.of("X-Baton-Test", "EV_TOKEN"))),
                "Please echo \"over streamable http\"", RunGate.OPEN);

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.ToolCallFinished done = finished();
        assertThat(done.error()).as(done.content()).isFalse();
        assertThat(done.server()).isEqualTo("web");
        assertThat(done.content()).contains("over streamable http");
    }

    @Test
    void headersCarryTheNamedVariablesValuesWhichAreRedactedWhereverTheyShowUp() throws Exception {
        String url = startOwnServer();
        String token = "tok-" + "7f3a91c2e4";

        RunResult result = run(service(Map.of("OWN_TOKEN", token)), flow(List.of("own/whoami"), "",
                http("own", url, Map.of("X-Api-Token", "OWN_TOKEN"))), "whoami please", RunGate.OPEN);

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(tokensSeen).isNotEmpty().containsOnly(token);
        RunEvent.ToolCallFinished done = finished();
        assertThat(done.error()).as(done.content()).isFalse();
        assertThat(done.content()).isEqualTo("you sent the token " + Redactor.REDACTED);
        assertThat(result.output()).doesNotContain(token);
    }

    @Test
    void anHttpServerThatDropsDuringTheRunIsAnErrorResultAndTheRunGoesOn() throws Exception {
        String url = startOwnServer();
        RunGate dropBeforeTheAgent = new RunGate() {
            @Override
            public String beforeNode(String runId, AgentNode node, int attempt, String input) {
                if (node.id().equals("agent")) {
                    own.stop(0);
                }
                return input;
            }
        };
        long t0 = System.nanoTime();

        RunResult result = run(service(Map.of()), flow(List.of("own/whoami"), "", http("own", url, Map.of())),
                "whoami please", dropBeforeTheAgent);

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.ToolCallFinished done = finished();
        assertThat(done.error()).as(done.content()).isTrue();
        assertThat(done.content()).startsWith("MCP server 'own'").doesNotContain("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }

    /** A Streamable HTTP MCP server answering with single JSON responses; its one tool says which token it got. */
    private String startOwnServer() throws IOException {
        own = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        own.createContext("/mcp", this::answer);
        own.start();
        return "http://127.0.0.1:" + own.getAddress().getPort() + "/mcp";
    }

    private void answer(HttpExchange x) throws IOException {
        try (x) {
            if (!x.getRequestMethod().equals("POST")) {
                x.sendResponseHeaders(405, -1);
                return;
            }
            String token = x.getRequestHeaders().getFirst("X-Api-Token");
            if (token != null) {
                tokensSeen.add(token);
            }
            JsonNode msg = JSON.readTree(x.getRequestBody());
            if (!msg.has("id")) {
                x.sendResponseHeaders(202, -1);
                return;
            }
            ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", msg.get("id"));
            ObjectNode result = reply.putObject("result");
            switch (msg.path("method").asText()) {
                case "initialize" -> {
                    result.put("protocolVersion", msg.path("params").path("protocolVersion").asText());
                    result.putObject("capabilities").putObject("tools");
                    result.putObject("serverInfo").put("name", "own").put("version", "1");
                }
                case "tools/list" -> {
                    ObjectNode tool = result.putArray("tools").addObject().put("name", "whoami")
                            .put("description", "says which token the request carried");
                    tool.putObject("inputSchema").put("type", "object").putObject("properties");
                    tool.putObject("annotations").put("readOnlyHint", true);
                }
                case "tools/call" -> result.putArray("content").addObject().put("type", "text")
                        .put("text", "you sent the token " + token);
                default -> { }
            }
            byte[] body = JSON.writeValueAsBytes(reply);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.getResponseHeaders().set("Mcp-Session-Id", "own-session");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
        }
    }

    private void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                assertThat(everything.isAlive()).as("server-everything is running").isTrue();
                Thread.sleep(100);
            }
        }
        throw new AssertionError("server-everything did not listen on " + port);
    }

}
