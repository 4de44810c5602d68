package dev.baton.tool.mcp;

import dev.baton.secret.Redactor;
import dev.baton.tool.Tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MCP servers of one run: started together (in parallel, each within its own start timeout), their tools found by
 * the name a node gives them ({@code server/tool}), and stopped together. A server that did not start is one line in
 * {@link #failures()}; the others are running and must be closed.
 */
public final class McpServerGroup implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Map<String, McpConnection> connections;
    private final List<String> failures;

    private McpServerGroup(Map<String, McpConnection> connections, List<String> failures) {
        this.connections = connections;
        this.failures = List.copyOf(failures);
    }

    /** No server: nothing to start or stop. */
    public static McpServerGroup none() {
        return new McpServerGroup(Map.of(), List.of());
    }

    /**
     * Starts every server in parallel and waits for all of them (each start is bounded by its own timeout).
     * Never throws for a server's sake: a server that did not start is a line in {@link #failures()}.
     *
     * @param redactor cleans the failure lines (a server's stderr may print the token it was given)
     */
    public static McpServerGroup start(List<McpServerSpec> specs, Redactor redactor) throws InterruptedException {
        if (specs.isEmpty()) {
            return none();
        }
        int id = SEQUENCE.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(specs.size(), r -> {
            Thread t = new Thread(r, "baton-mcp-start-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<McpConnection>> started = new LinkedHashMap<>();
        Duration longest = Duration.ZERO;
        for (McpServerSpec spec : specs) {
            started.put(spec.name(), pool.submit(() -> McpConnection.start(spec, redactor)));
            longest = spec.startTimeout().compareTo(longest) > 0 ? spec.startTimeout() : longest;
        }
        pool.shutdown();
        Map<String, McpConnection> connections = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        // McpConnection.start gives up by itself 2 s after its timeout; this bound is only a second guard
        long deadline = System.nanoTime() + longest.plusSeconds(5).toNanos();
        try {
            for (Map.Entry<String, Future<McpConnection>> e : started.entrySet()) {
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    connections.put(e.getKey(), e.getValue().get(left, TimeUnit.NANOSECONDS));
                } catch (java.util.concurrent.ExecutionException ex) {
                    Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                    failures.add(cause instanceof McpStartException ? cause.getMessage()
                            : redactor.forMessage("MCP server '" + e.getKey() + "' " + McpConnection.describe(cause)));
                } catch (java.util.concurrent.TimeoutException ex) {
                    e.getValue().cancel(true);
                    failures.add("MCP server '" + e.getKey() + "' did not start within " + longest.toSeconds() + " s");
                }
            }
        } catch (InterruptedException ex) {
            // cancelled while starting: wait for the starts under way (each bounded) and stop what did start
            for (Future<McpConnection> f : started.values()) {
                try {
                    f.get(longest.plusSeconds(3).toMillis(), TimeUnit.MILLISECONDS).close();
                } catch (Exception ignored) {
                    // did not start: nothing to stop
                }
            }
            throw ex;
        }
        return new McpServerGroup(connections, failures);
    }

    /** One line per server that did not start, in the order the servers were given; empty when all did. */
    public List<String> failures() {
        return failures;
    }

    /** The running servers by name, in the order they were given. */
    public Map<String, McpConnection> connections() {
        return java.util.Collections.unmodifiableMap(connections);
    }

    /** The tool a node names {@code server/tool}, when that server runs and lists it. */
    public Optional<Tool> tool(String server, String tool) {
        McpConnection c = connections.get(server);
        if (c == null) {
            return Optional.empty();
        }
        return c.tools().stream().filter(t -> t.descriptor().name().equals(tool)).findFirst();
    }

    /**
     * One line per node tool ({@code server/tool}) whose server runs but does not list that tool, saying what it does
     * list, or lists it but Baton cannot call it (a task-only tool), saying why; names of other servers' or built-in
     * tools are not this group's business.
     */
    public List<String> unlisted(Collection<String> nodeTools) {
        List<String> lines = new ArrayList<>();
        for (String name : nodeTools) {
            int slash = name.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String server = name.substring(0, slash);
            String tool = name.substring(slash + 1);
            McpConnection c = connections.get(server);
            String unavailable = c == null ? null : c.unavailable().get(tool);
            if (unavailable != null) {
                lines.add("MCP server '" + server + "' lists a tool '" + tool + "' that cannot be offered: "
                        + unavailable + "; remove it from the nodes that pick it");
            } else if (c != null && tool(server, tool).isEmpty()) {
                List<String> listed = c.tools().stream().map(t -> t.descriptor().name()).sorted().toList();
                String shown = listed.size() > 12 ? String.join(", ", listed.subList(0, 12)) + ", …"
                        : String.join(", ", listed);
                lines.add("MCP server '" + server + "' does not list a tool '" + tool + "'"
                        + (listed.isEmpty() ? " (it lists no tools)" : " (it lists: " + shown + ")"));
            }
        }
        return lines;
    }

    /**
     * As {@link #close()} on a thread of its own, for a caller that must not wait (the thread that ends a run); the
     * shutdown hook of {@link McpConnection} still stops them should Baton exit first.
     */
    public void closeInBackground() {
        if (connections.isEmpty()) {
            return;
        }
        Thread t = new Thread(this::close, "baton-mcp-stop");
        t.setDaemon(true);
        t.start();
    }

    /** Stops every server (in parallel: each may take a moment to end) and waits for them; safe to call twice. */
    @Override
    public void close() {
        List<McpConnection> open = new ArrayList<>(connections.values());
        if (open.isEmpty()) {
            return;
        }
        if (open.size() == 1) {
            open.get(0).close();
            return;
        }
        List<Thread> closers = new ArrayList<>();
        for (McpConnection c : open) {
            Thread t = new Thread(c::close, "baton-mcp-stop-" + c.spec().name());
            t.setDaemon(true);
            t.start();
            closers.add(t);
        }
        for (Thread t : closers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
