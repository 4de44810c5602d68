package dev.baton.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.secret.Redactor;
import dev.baton.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.mcp.protocol.McpListToolsRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One running MCP server, through LangChain4j's MCP client: started with a time limit, its tools listed as Baton
 * {@link Tool}s (annotations → risk and default policy), stopped on {@link #close()} with its whole process tree.
 * Every open connection is also closed by a JVM shutdown hook, so that no server outlives Baton's process when it
 * exits normally or is interrupted; a {@code kill -9} of Baton runs no hook: then the server sees its stdin close,
 * and one that ignores that is stopped by the watcher it was started under ({@link ServerLauncher}).
 */
public final class McpConnection implements AutoCloseable {

    private static final Set<McpConnection> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(McpConnection::close),
                "baton-mcp-shutdown"));
    }

    private final McpServerSpec spec;
    private final Redactor redactor;
    private final String threadKey;
    private final ExecutorService executor;
    private volatile McpTransport transport;
    private volatile McpClient client;
    /** Set when a call over HTTP failed on the connection: the next call opens a new session first. */
    private volatile boolean dropped;
    private volatile List<Tool> tools = List.of();
    /** Tools the server lists that Baton cannot call, with the reason (see {@link McpTaskSupport}). */
    private volatile Map<String, String> unavailable = Map.of();
    private final AtomicBoolean closed = new AtomicBoolean();

    private McpConnection(McpServerSpec spec, Redactor redactor) {
        this.spec = spec;
        this.redactor = redactor;
        this.threadKey = StderrCapture.THREAD_PREFIX + SEQUENCE.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadKey + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.transport = spec.isStdio()
                ? StdioMcpTransport.builder().command(ServerLauncher.commandLine(spec)).environment(spec.environment())
                .executorService(executor).logEvents(false).build()
                : httpTransport(executor);
    }

    private McpTransport httpTransport(ExecutorService on) {
        return StreamableHttpMcpTransport.builder().url(spec.url()).customHeaders(spec.headers())
                .timeout(spec.callTimeout()).executor(on).build();
    }

    private McpClient newClient(McpTransport over) {
        return new DefaultMcpClient.Builder().key(spec.name()).clientName("baton").clientVersion("1")
                .transport(over).initializationTimeout(spec.startTimeout()).toolExecutionTimeout(spec.callTimeout())
                .autoHealthCheck(false).reconnectInterval(Duration.ofDays(1)).cacheToolList(true)
                .toolResultExtractor(new McpResultText())
                .logHandler(m -> StderrCapture.log(threadKey, String.valueOf(m.level()).toLowerCase(
                        java.util.Locale.ROOT), m.logger(), m.data() == null ? "" : m.data().isTextual()
                        ? m.data().asText() : m.data().toString()))
                .build();
    }

    /**
     * Starts the server, initialises the session and lists its tools, all within the start timeout.
     *
     * @throws McpStartException one line: the server, what failed, and (stdio) the end of its stderr
     */
    public static McpConnection start(McpServerSpec spec) throws McpStartException {
        return start(spec, Redactor.shapesOnly());
    }

    /**
     * As {@link #start(McpServerSpec)}, the problem's text passed through the run's redactor: a server's stderr may
     * print the token it was given (the values {@link McpServers} looked up are known to that redactor).
     */
    public static McpConnection start(McpServerSpec spec, Redactor redactor) throws McpStartException {
        try {
            return startRaw(spec, redactor);
        } catch (McpStartException e) {
            throw new McpStartException(redactor.forMessage(e.getMessage()), e.getCause());
        }
    }

    private static McpConnection startRaw(McpServerSpec spec, Redactor redactor) throws McpStartException {
        Objects.requireNonNull(spec, "spec");
        Optional<String> cannot = ServerLauncher.problem(spec);
        if (cannot.isPresent()) {
            throw new McpStartException("MCP server '" + spec.name() + "' (" + spec.where() + ") " + cannot.get(),
                    null);
        }
        McpConnection c;
        try {
            c = new McpConnection(spec, redactor);
        } catch (RuntimeException e) {
            throw new McpStartException("MCP server '" + spec.name() + "' (" + spec.where() + ") cannot be set up: "
                    + e.getMessage(), e);
        }
        OPEN.add(c);
        StderrCapture.open(c.threadKey);
        try {
            c.begin();
            return c;
        } catch (McpStartException e) {
            c.close();
            throw e;
        }
    }

    private void begin() throws McpStartException {
        Duration limit = spec.startTimeout();
        // the client's own initialisation timeout covers a silent server; our guard covers anything else that
        // blocks (a process that cannot be spawned, a connection that hangs), so that a start never waits longer
        Future<List<ToolSpecification>> started = executor.submit(() -> {
            client = newClient(transport);
            return client.listTools();
        });
        List<ToolSpecification> specs;
        try {
            specs = started.get(limit.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            started.cancel(true);
            throw failure("did not answer within " + limit.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // the client's initialisation timeout: say how long it waited, not the exception's bare class name
            throw failure(rootOf(cause) instanceof TimeoutException ? "did not answer within " + limit.toSeconds()
                    + " s" : describe(cause), cause);
        } catch (InterruptedException e) {
            started.cancel(true);
            Thread.currentThread().interrupt();
            throw failure("start was cancelled", e);
        }
        Map<String, JsonNode> raw = listedTools(limit);
        List<Tool> list = new ArrayList<>(specs.size());
        Map<String, String> cannotCall = new java.util.LinkedHashMap<>();
        for (ToolSpecification s : specs) {
            JsonNode listed = raw.get(s.name());
            if (McpTaskSupport.required(listed)) {
                cannotCall.put(s.name(), McpTaskSupport.REQUIRED_REASON);
            } else {
                // as before: only an object is a schema; anything else leaves the client's own specification
                list.add(new McpTool(this, s, listed != null && listed.path("inputSchema").isObject()
                        ? listed.get("inputSchema") : null));
            }
        }
        tools = List.copyOf(list);
        unavailable = java.util.Collections.unmodifiableMap(cannotCall);
    }

    /**
     * The tools exactly as the server lists them, by name: their input schemas and their {@code execution}, which
     * LangChain4j's tool specifications (1.18.1-beta28) drop or keep only in part. Of a schema they keep too little:
     * oneOf/allOf become empty objects, enums of numbers and properties without a type become objects, so that Baton's
     * check refused calls the server accepts (an array for an "any value" property).
     * Asked once more with {@code tools/list} (every page) on the session the client opened, under ids of our own; when
     * that fails the client's specifications are used as before.
     */
    private Map<String, JsonNode> listedTools(Duration limit) {
        Map<String, JsonNode> schemas = new java.util.HashMap<>();
        String cursor = null;
        // a server that answered the client's listing answers this one as fast; one that does not costs at most 10 s
        long deadline = System.nanoTime() + Math.min(limit.toNanos(), TimeUnit.SECONDS.toNanos(10));
        try {
            for (int page = 0; page < 100 && System.nanoTime() < deadline; page++) {
                JsonNode answer = transport.executeOperationWithResponse(
                                new McpListToolsRequest(OWN_IDS.incrementAndGet(), cursor))
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                JsonNode result = answer.path("result");
                for (JsonNode tool : result.path("tools")) {
                    if (tool.path("name").isTextual()) {
                        schemas.put(tool.get("name").asText(), tool);
                    }
                }
                JsonNode next = result.get("nextCursor");
                if (next == null || !next.isTextual() || next.asText().isEmpty()) {
                    break;
                }
                cursor = next.asText();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the specifications the client made are still there; a schema missing here falls back to them
        }
        return schemas;
    }

    /** Request ids of Baton's own requests on a client's session, far above the client's own counter (from 1). */
    private static final AtomicLong OWN_IDS = new AtomicLong(1L << 40);

    private McpStartException failure(String what, Throwable cause) {
        // give the child a moment to flush its last words to stderr before reading them
        Optional<Process> p = process();
        if (p.isPresent()) {
            try {
                p.get().waitFor(300, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
        String exited = p.filter(pr -> !pr.isAlive()).map(pr -> "; it exited with code " + pr.exitValue()).orElse("");
        String stderr = StderrCapture.tail(threadKey);
        String notMcp = StderrCapture.notMcp(threadKey);
        return new McpStartException("MCP server '" + spec.name() + "' (" + spec.where() + ") " + what + exited
                + (notMcp.isEmpty() ? "" : "; it wrote to stdout what is not MCP (JSON-RPC): " + notMcp)
                + (stderr.isEmpty() ? "" : "; stderr: " + stderr), cause);
    }

    private static Throwable rootOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static String describe(Throwable t) {
        Throwable root = rootOf(t);
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof TimeoutException || m.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return "did not answer in time (" + m + ")";
        }
        java.util.regex.Matcher status = HTTP_STATUS.matcher(m);
        if (status.find()) {
            return httpStatus(Integer.parseInt(status.group(1)));
        }
        if (root instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            return "answered with what is not JSON-RPC (" + json.getOriginalMessage().replace('\n', ' ') + ")";
        }
        return "failed: " + m.replace('\n', ' ');
    }

    /** LangChain4j's Streamable HTTP transport (1.18.1-beta28) says only this when the server answers an error. */
    private static final java.util.regex.Pattern HTTP_STATUS = java.util.regex.Pattern.compile(
            "Unexpected status code: (\\d{3})");

    /** What an HTTP error status from an MCP endpoint means to the person who declared the server. */
    static String httpStatus(int code) {
        return switch (code) {
            case 401 -> "refused the credentials (HTTP 401 Unauthorized): the values of its headers are missing, wrong"
                    + " or expired";
            case 403 -> "refused access (HTTP 403 Forbidden): the credentials lack a permission it needs";
            case 404 -> "has no MCP endpoint at this URL (HTTP 404 Not Found): check the path (often /mcp)";
            case 405, 406, 415 -> "does not speak Streamable HTTP at this URL (HTTP " + code + "): check the URL (a"
                    + " server speaking only the old HTTP+SSE transport is not supported)";
            case 429 -> "is rate-limiting (HTTP 429 Too Many Requests): try again later";
            default -> code >= 500 ? "failed on its side (HTTP " + code + ")" : "answered HTTP " + code;
        };
    }

    /**
     * Why {@code spec}'s server cannot start at all, found without starting it (a program not on the PATH, a missing
     * folder), as one line naming the server; empty when it may be tried.
     */
    public static Optional<String> cannotStart(McpServerSpec spec) {
        return ServerLauncher.problem(spec)
                .map(p -> "MCP server '" + spec.name() + "' (" + spec.where() + ") " + p);
    }

    /** The server's settings. */
    public McpServerSpec spec() {
        return spec;
    }

    /** The server's tools as listed at start, each named as the server names it. */
    public List<Tool> tools() {
        return tools;
    }

    /** Tools the server lists that Baton does not offer, by name, each with the reason; in the server's order. */
    public Map<String, String> unavailable() {
        return unavailable;
    }

    /** The last stderr lines of a stdio server ("" for http or when it wrote none). */
    public String stderrTail() {
        return StderrCapture.tail(threadKey);
    }

    /** The stdio child, if there is one. */
    public Optional<Process> process() {
        return transport instanceof StdioMcpTransport stdio ? Optional.ofNullable(stdio.getProcess())
                : Optional.empty();
    }

    /**
     * Cleans what the server says back (results, errors, stderr) with the redactor it was started with: a server may
     * echo the token it was given, which that redactor knows, before it reaches a model, an event or the audit.
     */
    String clean(String text) {
        return redactor.redact(text);
    }

    /** A call over HTTP failed on the connection (the server restarted, a proxy dropped it): see {@link #client}. */
    void dropped() {
        if (!spec.isStdio()) {
            dropped = true;
        }
    }

    /**
     * A new session with an HTTP server after a dropped one, within the start timeout: LangChain4j's client does not
     * open one itself (after a server restart every later call failed with ClosedChannelException). The tools stay as
     * listed at start. The call that failed is not repeated (it may have done its work); the model reads its error.
     */
    private synchronized void reconnect() {
        if (!dropped || closed.get()) {
            return;
        }
        McpTransport fresh = httpTransport(executor);
        McpClient[] made = new McpClient[1];
        // the client initialises the session as it is built: built on the executor, under the start timeout
        Future<?> listed = executor.submit(() -> {
            made[0] = newClient(fresh);
            return made[0].listTools();
        });
        McpClient next;
        try {
            listed.get(spec.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            next = made[0];
        } catch (Exception e) {
            listed.cancel(true);
            quietly(made[0]);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("could not be reached again: " + (e instanceof TimeoutException
                    ? "no answer within " + spec.startTimeout().toSeconds() + " s" : describe(cause)), cause);
        }
        McpClient old = client;
        client = next;
        transport = fresh;
        dropped = false;
        quietly(old);
    }

    /** Closes a client on a thread of its own, never waiting for it (a dropped session may hang on close). */
    private static void quietly(McpClient c) {
        if (c == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // the session is gone already
            }
        }, "baton-mcp-close-dropped");
        t.setDaemon(true);
        t.start();
    }

    McpClient client() {
        if (dropped) {
            reconnect();
        }
        McpClient c = client;
        if (c == null || closed.get()) {
            throw new IllegalStateException("MCP server '" + spec.name() + "' is not running");
        }
        return c;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Stops the session and kills the child and every process it started; safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Optional<Process> p = process();
        List<ProcessHandle> tree = new ArrayList<>();
        p.ifPresent(proc -> {
            // collected first: once the parent is gone its children are re-parented and no longer found through it
            proc.descendants().forEach(tree::add);
            tree.add(proc.toHandle());
        });
        // on a thread of its own: the transport's close shuts our executor down and waits for it, which a task on
        // that executor would wait for itself
        java.util.concurrent.FutureTask<Void> closing = new java.util.concurrent.FutureTask<>(() -> {
            McpClient c = client;
            try {
                if (c != null) {
                    c.close();
                } else {
                    transport.close();
                }
            } catch (Exception ignored) {
                // closing a broken session: the kill below is what counts
            }
            return null;
        });
        Thread closer = new Thread(closing, threadKey + "-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closing.get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            closing.cancel(true);
        }
        for (ProcessHandle h : tree) {
            h.destroy();
        }
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        executor.shutdownNow();
        StderrCapture.close(threadKey);
        OPEN.remove(this);
    }
}
