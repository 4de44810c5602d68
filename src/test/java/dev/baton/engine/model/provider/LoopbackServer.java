package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A scripted HTTP server on 127.0.0.1 for provider tests: each request is answered by the next queued responder. */
final class LoopbackServer implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A request as the server received it; the body parsed as JSON (the client pretty-prints it). */
    record Received(String method, String path, String query, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** A key for every provider, for loopback servers only: a model is made only when its provider has a key. */
    static final Map<String, String> KEYS = Map.of(
            "OPENAI_API_KEY", "sk-loopback-000000000000000000000000",
            "OPENAI_COMPATIBLE_API_KEY", "local-secret-key-123",
            "ANTHROPIC_API_KEY", "sk-ant-loopback-0000000000000000",
            "GEMINI_API_KEY", "AIzaLoopbackLoopbackLoopback000000000");

    /** A model factory with {@link #KEYS}, its credentials file under {@code home}, calls limited to {@code timeout}. */
    static ChatModelFactory factory(java.nio.file.Path home, java.time.Duration timeout) {
        return new ChatModelFactory(new Credentials(KEYS::get, home), timeout);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Responder> responders = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Released on close, so that handlers that "never answer" end with the test. */
    final CountDownLatch closing = new CountDownLatch(1);

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** "http://127.0.0.1:port" followed by {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    LoopbackServer enqueue(Responder responder) {
        responders.add(responder);
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received lastRequest() {
        return received.get(received.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = body.length == 0 ? null : JSON.readTree(body);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), Map.copyOf(exchange.getRequestHeaders()), json));
            Responder responder = responders.poll();
            if (responder == null) {
                json(exchange, 404, "{\"error\":{\"message\":\"no scripted reply\"}}");
                return;
            }
            responder.respond(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A complete JSON (or other) body with this status. */
    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Starts a streamed 200 reply of this content type; the caller writes the events. */
    static OutputStream startStream(HttpExchange exchange, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** Writes one server-sent event (optionally named) and flushes it to the client. */
    static void event(OutputStream out, String name, String data) throws IOException {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes one newline-delimited JSON line (Ollama's streaming format) and flushes it. */
    static void line(OutputStream out, String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
