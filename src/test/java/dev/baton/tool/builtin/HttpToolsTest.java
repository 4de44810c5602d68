package dev.baton.tool.builtin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.secret.Redactor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import dev.baton.tool.ToolSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The http tools against a loopback server: the allow-list, redirects, size and time limits, body kinds. */
class HttpToolsTest {

    private HttpServer server;
    private String base;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong bigBytesSent = new AtomicLong();
    private ToolRunner runner;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        int port = server.getAddress().getPort();
        base = "http://127.0.0.1:" + port;
        server.createContext("/html", ex -> reply(ex, 200, "text/html; charset=utf-8",
                "<html><head><title>Prices</title><script>var x=1;</script></head>"
                        + "<body><h1>Plans</h1><p>Basic costs <b>10</b> EUR.</p></body></html>"));
        server.createContext("/json", ex -> reply(ex, 200, "application/json", "{\"a\":1,\"b\":[true]}"));
        server.createContext("/echo", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            reply(ex, 201, "text/plain", ex.getRequestMethod() + " " + body);
        });
        server.createContext("/bin", ex -> reply(ex, 200, "image/png", "\u0089PNG"));
        server.createContext("/inside", ex -> redirect(ex, base + "/json"));
        server.createContext("/leave", ex -> redirect(ex, "http://localhost:" + port + "/json"));
        server.createContext("/leave-far", ex -> redirect(ex, "https://example.org/steal"));
        server.createContext("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        server.createContext("/loop", ex -> redirect(ex, base + "/loop"));
        server.createContext("/big", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 50L * 1024 * 1024);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'z');
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50 * 16; i++) {
                    out.write(chunk);
                    bigBytesSent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the client hung up after its cap: expected
            }
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "text/plain", "late");
        });
        server.start();
        var settings = new BuiltInTools.Settings(null, new HostAllowList(List.of("127.0.0.1")), 1024, 1024,
                100_000, Duration.ofMillis(800), Clock.systemUTC());
        runner = new ToolRunner(BuiltInTools.registerAll(new ToolRegistry(), settings), Redactor.shapesOnly(),
                null, Duration.ofSeconds(10), 200_000);
    }

    private void redirect(HttpExchange ex, String to) throws IOException {
        seen.add(ex.getRequestURI().getPath());
        ex.getResponseHeaders().add("Location", to);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        seen.add(ex.getRequestURI().getPath());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        runner.close();
        server.stop(0);
    }

    private ToolResult get(String url) {
        return runner.call("http_get", ToolSchemas.MAPPER.createObjectNode().put("url", url));
    }

    @Test
    void htmlBecomesTextAndJsonIsPrettyPrinted() {
        ToolResult html = get(base + "/html");
        assertThat(html.error()).as(html.content()).isFalse();
        assertThat(html.content()).contains("HTTP 200").contains("Title: Prices")
                .contains("Plans Basic costs 10 EUR.").doesNotContain("<b>").doesNotContain("var x");
        ToolResult json = get(base + "/json");
        assertThat(json.content()).contains("\"a\" : 1");
        assertThat(get(base + "/bin").content()).contains("image/png body").contains("not shown");
    }

    @Test
    void hostsOffTheListAndOtherSchemesAreRefusedWithoutARequest() {
        for (String url : List.of("http://localhost:" + server.getAddress().getPort() + "/json",
                "https://example.org/", "file:///etc/passwd", "ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/",
                "jar:file:/x!/y", "not a url")) {
            ToolResult r = get(url);
            assertThat(r.error()).as(url).isTrue();
            assertThat(r.content()).as(url).doesNotContain("root:");
        }
        assertThat(get("https://example.org/").content()).contains("'example.org' is not on this flow's http allow-list");
        assertThat(get("file:///etc/passwd").content()).contains("only http and https");
        assertThat(seen).isEmpty();
    }

    @Test
    void redirectsAreFollowedOnlyWithinTheList() {
        assertThat(get(base + "/inside").content()).contains("\"a\" : 1");
        seen.clear();
        for (String path : List.of("/leave", "/leave-far", "/to-file")) {
            ToolResult r = get(base + path);
            assertThat(r.error()).as(path).isTrue();
            assertThat(r.content()).as(path).contains("refused to follow a redirect");
        }
        assertThat(seen).containsExactly("/leave", "/leave-far", "/to-file");
        ToolResult loop = get(base + "/loop");
        assertThat(loop.error()).isTrue();
        assertThat(loop.content()).contains("more than 5 redirects");
    }

    @Test
    void aFiftyMegabyteResponseIsCutAtTheCapAndNotReadToTheEnd() throws Exception {
        long t0 = System.nanoTime();
        ToolResult r = get(base + "/big");
        assertThat(r.error()).as(r.content()).isFalse();
        assertThat(r.content()).contains("the body is longer than 100000 bytes");
        assertThat(r.bytes()).isLessThan(110_000);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
        Thread.sleep(300);
        assertThat(bigBytesSent.get()).as("the server was cut off long before 50 MB").isLessThan(20L * 1024 * 1024);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsAnError() {
        ToolResult r = get(base + "/slow");
        assertThat(r.error()).isTrue();
        assertThat(r.content()).contains("no answer from 127.0.0.1");
        assertThat(r.duration()).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void httpRequestSendsMethodAndBodyAndRefusesUnknownMethods() {
        var args = ToolSchemas.MAPPER.createObjectNode().put("method", "POST").put("url", base + "/echo")
                .put("body", "{\"q\":1}").put("contentType", "application/json");
        ToolResult r = runner.call("http_request", args);
        assertThat(r.error()).as(r.content()).isFalse();
        assertThat(r.content()).contains("HTTP 201").contains("POST {\"q\":1}");
        ToolResult bad = runner.call("http_request", args.deepCopy().put("method", "TRACE"));
        assertThat(bad.error()).isTrue();
        assertThat(bad.content()).startsWith("invalid arguments");
    }

    @Test
    void withAnEmptyAllowListNoHttpToolExists() {
        var none = BuiltInTools.create(BuiltInTools.Settings.defaults(null, List.of()));
        assertThat(none.stream().map(t -> t.descriptor().name())).doesNotContain("http_get", "http_request",
                "read_file");
    }

    @Test
    void anHttpRequestThatOnlyReadsRunsWithoutAskingAndAnyOtherMethodAsks() throws Exception {
        var tools = BuiltInTools.registerAll(new ToolRegistry(), new BuiltInTools.Settings(null,
                new HostAllowList(List.of("127.0.0.1")), 1024, 1024, 100_000, Duration.ofMillis(800),
                Clock.systemUTC()));
        var request = tools.find("http_request").orElseThrow();
        var json = dev.baton.tool.ToolSchemas.MAPPER;
        assertThat(request.defaultPolicy(json.readTree("{\"method\":\"GET\",\"url\":\"x\"}")))
                .contains(dev.baton.flow.ApprovalPolicy.AUTO);
        assertThat(request.defaultPolicy(json.readTree("{\"method\":\"head\"}")))
                .contains(dev.baton.flow.ApprovalPolicy.AUTO);
        assertThat(request.defaultPolicy(json.readTree("{\"method\":\"POST\"}")))
                .contains(dev.baton.flow.ApprovalPolicy.ASK);
        assertThat(request.defaultPolicy(json.readTree("{}"))).contains(dev.baton.flow.ApprovalPolicy.ASK);
        assertThat(tools.find("http_get").orElseThrow().defaultPolicy(json.readTree("{}"))).isEmpty();
        assertThat(tools.find("http_get").orElseThrow().descriptor().defaultPolicy())
                .isEqualTo(dev.baton.flow.ApprovalPolicy.AUTO);
    }
}
