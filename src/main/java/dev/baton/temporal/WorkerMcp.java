package dev.baton.temporal;

import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.McpServerDecl;
import dev.baton.secret.Redactor;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import dev.baton.tool.mcp.McpConnection;
import dev.baton.tool.mcp.McpServers;
import dev.baton.tool.mcp.McpStartException;
import io.temporal.failure.ApplicationFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A worker's MCP servers: started on first use with the worker's own variables (keys stay here) and kept for the
 * runs after, one connection per declaration; a server that died is started again on its next use. Closing stops
 * them all (the worker's end); each connection also stops its process when the JVM exits.
 */
public final class WorkerMcp implements McpActivities, AutoCloseable {

    private final Function<String, String> variables;
    private final Redactor redactor;
    private final Map<McpServerDecl, McpConnection> connections = new ConcurrentHashMap<>();

    /**
     * @param variables the worker's environment (and credentials): values of the servers' variable names
     * @param redactor  learns every value looked up and cleans tool results
     */
    public WorkerMcp(Function<String, String> variables, Redactor redactor) {
        this.variables = variables;
        this.redactor = redactor;
    }

    /**
     * The servers' variables from the worker's environment, else {@code ~/.baton/credentials}, as a local run looks
     * them up; the values it finds are redacted from tool results.
     */
    public static WorkerMcp fromEnvironment() {
        Redactor redactor = Redactor.shapesOnly();
        Credentials credentials = new Credentials(System::getenv, Credentials.batonHome(), redactor);
        return new WorkerMcp(credentials::value, redactor);
    }

    @Override
    public List<Wire.ServerTool> listServerTools(List<Wire.McpServer> servers) {
        List<Wire.ServerTool> out = new ArrayList<>();
        for (Wire.McpServer s : servers) {
            for (Tool t : connection(s.toDecl()).tools()) {
                ToolDescriptor d = t.descriptor();
                out.add(new Wire.ServerTool(s.name(), d.name(), d.description(), d.parameters().toString(),
                        d.risk().name(), d.defaultPolicy().name()));
            }
        }
        return out;
    }

    @Override
    public Wire.ToolAnswer callServerTool(Wire.ServerToolCall call) {
        McpServerDecl decl = call.server().toDecl();
        ToolResult r;
        Optional<Tool> tool;
        try {
            tool = connection(decl).tools().stream().filter(t -> t.descriptor().name().equals(call.tool()))
                    .findFirst();
        } catch (ApplicationFailure e) {
            return answer(ToolResult.failure(call.tool(), e.getOriginalMessage(), java.time.Duration.ZERO));
        }
        if (tool.isEmpty()) {
            r = ToolResult.failure(call.tool(), "MCP server '" + decl.name() + "' has no tool '" + call.tool() + "'",
                    java.time.Duration.ZERO);
        } else {
            ToolRegistry registry = new ToolRegistry();
            registry.register(tool.get());
            // the runner checks the arguments against the tool's schema, bounds time (the server's call timeout)
            // and size, and redacts, as on the embedded engine
            try (ToolRunner runner = new ToolRunner(registry, redactor)) {
                r = runner.call(call.tool(), call.argumentsJson());
            }
            if (r.error() && connectionDied(decl)) {
                connections.remove(decl); // started again on the next use
            }
        }
        return answer(r);
    }

    private static Wire.ToolAnswer answer(ToolResult r) {
        return new Wire.ToolAnswer(r.tool(), r.error(), r.content(), r.duration().toMillis(), r.bytes(),
                r.truncated());
    }

    private boolean connectionDied(McpServerDecl decl) {
        McpConnection c = connections.get(decl);
        return c != null && c.process().map(p -> !p.isAlive()).orElse(false);
    }

    /** The running connection of {@code decl}, started when there is none (or its process died). */
    private McpConnection connection(McpServerDecl decl) {
        McpConnection c = connections.get(decl);
        if (c != null && c.process().map(Process::isAlive).orElse(true)) {
            return c;
        }
        synchronized (this) {
            c = connections.get(decl);
            if (c != null && c.process().map(Process::isAlive).orElse(true)) {
                return c;
            }
            if (c != null) {
                c.close();
            }
            try {
                c = McpConnection.start(McpServers.spec(decl, variables, redactor), redactor);
            } catch (IllegalArgumentException | McpStartException e) {
                throw ApplicationFailure.newNonRetryableFailure(redactor.forMessage(String.valueOf(e.getMessage())),
                        "baton.mcp");
            }
            connections.put(decl, c);
            return c;
        }
    }

    /** Stops every server this worker started. */
    @Override
    public void close() {
        connections.values().forEach(McpConnection::close);
        connections.clear();
    }
}
