package dev.baton.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A loopback OpenAI-compatible server for tests, scripted by rules, that Baton's real provider clients talk to.
 *
 * <p>It serves {@code POST /v1/chat/completions} (streamed as {@code chat.completion.chunk} server-sent events ending
 * in {@code data: [DONE]} with a usage chunk when the request says {@code stream: true}, else one
 * {@code chat.completion} object) and {@code GET /v1/models}. Each chat request is answered by the first rule, in the
 * order they were added, whose predicate matches the parsed request and which still has replies left; a request no
 * rule matches gets HTTP 400 with an OpenAI error body naming it. Every request is recorded.
 *
 * <pre>{@code
 * try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
 *     server.when(systemContains("supervisor").and(lastRoleIs("user")))
 *           .reply(toolCalls(call("call_1", "researcher", "{\"task\":\"tides\"}"),
 *                            call("call_2", "writer", "{\"task\":\"draft\"}")));
 *     server.when(systemContains("supervisor")).always(text("Done: tides explained."));
 *     server.when(offersTool("research").negate()).reply(rateLimited(1), text("worker answer"));
 *     server.when(nth(5)).reply(delayed(Duration.ofSeconds(3), ignoringStream(text("late"))));
 *     ModelRef ref = new ModelRef("openai-compatible", "local", server.baseUrl(), null);
 *     ... run the flow ...
 *     assertThat(server.requests().get(0).systemText()).contains("You are the supervisor");
 * }
 * }</pre>
 * (predicates and replies are static imports of this class and {@link ScriptedReply}).
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    /** Model ids listed by {@code GET /v1/models}. */
    public static final List<String> MODELS = List.of("scripted-model", "local");

    /** A rule: a predicate and the replies it gives, in order; {@link #always} repeats the last one forever. */
    public final class Rule {
        private final Predicate<ScriptedRequest> match;
        private final List<ScriptedReply> replies = new ArrayList<>();
        private boolean repeatLast;
        private int used;

        private Rule(Predicate<ScriptedRequest> match) {
            this.match = match;
        }

        /** Answers the next matching requests with these replies, one each, then the rule is spent. */
        public ScriptedOpenAiServer reply(ScriptedReply... replies) {
            synchronized (ScriptedOpenAiServer.this) {
                this.replies.addAll(List.of(replies));
            }
            return ScriptedOpenAiServer.this;
        }

        /** Like {@link #reply}, but the last reply answers every further match. */
        public ScriptedOpenAiServer always(ScriptedReply... replies) {
            synchronized (ScriptedOpenAiServer.this) {
                repeatLast = true;
                this.replies.addAll(List.of(replies));
            }
            return ScriptedOpenAiServer.this;
        }

        /** How many requests this rule has answered. */
        public int used() {
            synchronized (ScriptedOpenAiServer.this) {
                return used;
            }
        }

        private boolean live() {
            return used < replies.size() || (repeatLast && !replies.isEmpty());
        }

        private ScriptedReply next() {
            ScriptedReply reply = replies.get(Math.min(used, replies.size() - 1));
            used++;
            return reply;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-openai");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Rule> rules = new ArrayList<>();
    private final List<ScriptedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<ScriptedRequest> unmatched = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private int arrivals;

    private ScriptedOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static ScriptedOpenAiServer start() throws IOException {
        return new ScriptedOpenAiServer();
    }

    /** The base URL a client is given: {@code http://127.0.0.1:port/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Adds a rule for requests matching {@code match}; give it replies with {@link Rule#reply} or {@link Rule#always}. */
    public synchronized Rule when(Predicate<ScriptedRequest> match) {
        Rule rule = new Rule(match);
        rules.add(rule);
        return rule;
    }

    /** Every request received so far (chat and others), in arrival order. */
    public List<ScriptedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The chat-completion requests received so far, in arrival order. */
    public List<ScriptedRequest> chatRequests() {
        return requests.stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
    }

    /** Chat requests that no rule answered (each got HTTP 400). */
    public List<ScriptedRequest> unmatched() {
        return List.copyOf(unmatched);
    }

    // ---- predicates -----------------------------------------------------------------------------------------------

    /** Any chat request. */
    public static Predicate<ScriptedRequest> any() {
        return request -> true;
    }

    /** The system messages contain {@code text}. */
    public static Predicate<ScriptedRequest> systemContains(String text) {
        return request -> request.systemText().contains(text);
    }

    /** The last user message contains {@code text}. */
    public static Predicate<ScriptedRequest> lastUserContains(String text) {
        return request -> request.lastUserText().contains(text);
    }

    /** The last message has this role: "user" for a fresh turn, "tool" after tool results. */
    public static Predicate<ScriptedRequest> lastRoleIs(String role) {
        return request -> role.equals(request.lastRole());
    }

    /** The request is the n-th one the server received (1-based, counting every path). */
    public static Predicate<ScriptedRequest> nth(int n) {
        return request -> request.index() == n;
    }

    /** The tools offered include one named {@code name}. */
    public static Predicate<ScriptedRequest> offersTool(String name) {
        return request -> request.toolNames().contains(name);
    }

    /** The request asked for a streamed reply. */
    public static Predicate<ScriptedRequest> streamed() {
        return ScriptedRequest::streamed;
    }

    // ---- serving --------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: a dropped connection must leave the exchange unclosed (closing it would end the
        // chunked body cleanly); the DropConnection escapes to the JDK server, which then closes the socket.
        try {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = null;
            if (raw.length > 0) {
                try {
                    body = OpenAiWire.JSON.readTree(raw);
                } catch (IOException notJson) {
                    body = null;
                }
            }
            ScriptedRequest request;
            synchronized (this) {
                request = new ScriptedRequest(++arrivals, exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body);
            }
            requests.add(request);
            String path = request.path();
            if ("GET".equals(request.method()) && path.endsWith("/models")) {
                OpenAiWire.sendJson(exchange, 200, OpenAiWire.models(MODELS));
                exchange.close();
                return;
            }
            if (!"POST".equals(request.method()) || !path.endsWith("/chat/completions")) {
                OpenAiWire.sendJson(exchange, 404, OpenAiWire.error("Unknown path " + path,
                        "invalid_request_error", "unknown_url"));
                exchange.close();
                return;
            }
            if (body == null) {
                OpenAiWire.sendJson(exchange, 400, OpenAiWire.error("The body is not JSON",
                        "invalid_request_error", null));
                exchange.close();
                return;
            }
            ScriptedReply reply = pick(request);
            if (reply == null) {
                unmatched.add(request);
                OpenAiWire.sendJson(exchange, 400, OpenAiWire.error("no scripted rule matched request #"
                        + request.index() + " (last user message: " + request.lastUserText() + ")",
                        "invalid_request_error", null));
                exchange.close();
                return;
            }
            reply.write(new ScriptedReply.Context(exchange, request, "chatcmpl-scripted-" + request.index(),
                    closing));
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private synchronized ScriptedReply pick(ScriptedRequest request) {
        for (Rule rule : rules) {
            if (rule.live() && rule.match.test(request)) {
                return rule.next();
            }
        }
        return null;
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
