package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.baton.cli.AuditCommandTest.baton;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton run … --otlp URL}: spans reach a loopback OTLP/HTTP receiver (the JDK's HttpServer decoding the
 * protobuf body with the OTLP proto classes), and a collector that is down or hangs neither fails nor holds up a run.
 */
class LiveOtlpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;
    private ServerSocket blackhole;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        if (blackhole != null) {
            blackhole.close();
        }
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void aRunsSpansArriveAtTheCollectorAsOtlpProtobuf() throws Exception {
        List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
        List<String> contentTypes = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
            }
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] reply = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, reply.length == 0 ? -1 : reply.length);
            exchange.close();
        });
        server.start();
        Path events = dir.resolve("events.jsonl");
        // the endpoint given without a path: /v1/traces is added
        AuditCommandTest.Result r = baton("run", "sample-flows/supervisor-market-entry-japan.json", "--input",
                "Should we enter Japan?", "--no-input", "--no-audit", "--events", events.toString(),
                "--otlp", "http://127.0.0.1:" + server.getAddress().getPort());
        assertThat(r.code()).as(r.err()).isZero();

        Map<String, Long> kinds = new HashMap<>();
        String runId = null;
        for (String line : Files.readAllLines(events)) {
            JsonNode e = JSON.readTree(line);
            kinds.merge(e.get("type").asText(), 1L, Long::sum);
            runId = e.get("runId").asText();
        }
        long expected = 1 + kinds.getOrDefault("AgentStarted", 0L) + kinds.getOrDefault("CriticVerdict", 0L)
                + kinds.getOrDefault("ModelRequested", 0L) + kinds.getOrDefault("ToolCalled", 0L)
                + kinds.getOrDefault("Handoff", 0L);
        List<Span> spans = new ArrayList<>();
        received.forEach(req -> req.getResourceSpansList().forEach(rs -> rs.getScopeSpansList()
                .forEach(ss -> spans.addAll(ss.getSpansList()))));
        assertThat(spans).hasSize((int) expected);
        assertThat(contentTypes).allMatch(t -> t.startsWith("application/x-protobuf"));
        String traceId = runId.substring("run-".length()).replace("-", "");
        assertThat(spans).allSatisfy(s -> assertThat(HexFormat.of().formatHex(s.getTraceId().toByteArray()))
                .isEqualTo(traceId));
        assertThat(spans.stream().filter(s -> s.getParentSpanId().isEmpty())).singleElement()
                .satisfies(root -> assertThat(root.getName()).isEqualTo("run Market entry strategy for Japan"));
        Span chat = spans.stream().filter(s -> s.getName().startsWith("chat ")).findFirst().orElseThrow();
        assertThat(chat.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(chat.getAttributesList()).extracting(KeyValue::getKey)
                .contains("gen_ai.request.model", "gen_ai.provider.name", "gen_ai.usage.input_tokens",
                        "gen_ai.usage.output_tokens", "gen_ai.response.finish_reasons", "baton.event.seq");
        assertThat(r.err()).contains("otlp: sent " + expected + " spans to http://127.0.0.1:"
                + server.getAddress().getPort() + "/v1/traces");
    }

    @Test
    void aBadCollectorUrlStopsBeforeTheRunWithOneLine() {
        AuditCommandTest.Result r = baton("run", "sample-flows/chain-blog-article.json", "--input", "x",
                "--no-input", "--no-audit", "--otlp", "localhost:4318");
        assertThat(r.code()).isEqualTo(BatonCommand.INVALID);
        assertThat(r.err().strip()).isEqualTo("error: --otlp: not an http(s) URL: localhost:4318 "
                + "(e.g. http://localhost:4318/v1/traces)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aCollectorThatIsDownNeitherFailsNorHoldsUpTheRun() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: connections to it are refused
        }
        long start = System.nanoTime();
        AuditCommandTest.Result r = baton("run", "sample-flows/chain-blog-article.json", "--input", "Heat pumps",
                "--no-input", "--no-audit", "--otlp", "http://127.0.0.1:" + port + "/v1/traces");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isNotBlank();
        assertThat(r.err()).containsPattern("warning: otlp: (\\d+) of \\1 spans not delivered to http://127\\.0\\.0"
                + "\\.1:" + port + "/v1/traces \\(ConnectException");
        assertThat(ms).as("a refused connection costs no waiting").isLessThan(15_000);
    }

    @Test
    void aCollectorThatHangsCostsTheCommandAtMostTheBoundedWaitAfterTheRun() throws Exception {
        // accepts connections and never answers: the worst a collector can do
        blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (!blackhole.isClosed()) {
                    held.add(blackhole.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        Path events = dir.resolve("events.jsonl");
        long start = System.nanoTime();
        AuditCommandTest.Result r = baton("run", "sample-flows/swarm-customer-support.json", "--input",
                "I was charged twice", "--no-input", "--no-audit", "--events", events.toString(),
                "--otlp", "http://127.0.0.1:" + blackhole.getLocalPort());
        long commandMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: otlp: ").contains("spans not delivered");
        List<String> lines = Files.readAllLines(events);
        long runMs = JSON.readTree(lines.get(lines.size() - 1)).get("totals").get("elapsedMs").asLong();
        // the run's own time is whatever it is; the command adds at most the 3 s bounded wait (plus slack)
        assertThat(commandMs - runMs).isLessThan(3_000 + 4_000);
    }
}
