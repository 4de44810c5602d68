package dev.baton.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.tool.JsonSchemas;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolException;
import dev.baton.tool.ToolRisk;
import dev.baton.tool.ToolSchemas;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.mcp.client.McpToolMetadataKeys;
import dev.langchain4j.service.tool.ToolExecutionResult;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One tool of an MCP server, as Baton sees it: its schema as Jackson JSON, its risk from the server's annotations. */
final class McpTool implements Tool {

    /**
     * What LangChain4j's client (1.18.1-beta28) returns, as a result that is not marked an error, when a server does
     * not answer a call within the call timeout; it then tells the server to cancel. Baton makes it an error.
     */
    static final String CLIENT_TIMEOUT_TEXT = "There was a timeout executing the tool";

    private final McpConnection connection;
    private final ToolDescriptor descriptor;

    McpTool(McpConnection connection, ToolSpecification spec, JsonNode inputSchema) {
        this.connection = connection;
        ToolRisk risk = risk(spec.metadata());
        this.descriptor = new ToolDescriptor(spec.name(), spec.description(), schema(spec, inputSchema), risk,
                risk.defaultPolicy(), connection.spec().name());
    }

    /**
     * The server's own input schema when there is one that compiles (its references kept inside it, see
     * {@link JsonSchemas}), as an object schema; else what LangChain4j's specification kept of it.
     */
    static ObjectNode schema(ToolSpecification spec, JsonNode inputSchema) {
        if (inputSchema instanceof ObjectNode raw) {
            ObjectNode own = raw.deepCopy();
            if (!own.has("type")) {
                own.put("type", "object"); // MCP says an input schema is an object; some servers leave that out
            }
            if ("object".equals(own.path("type").asText()) && JsonSchemas.problem(own).isEmpty()) {
                return own;
            }
        }
        return schema(spec);
    }

    /**
     * MCP's annotations are hints: readOnlyHint true means it only reads; otherwise destructiveHint defaults to true
     * in the protocol, so a tool that does not say it is harmless is treated as destructive.
     */
    static ToolRisk risk(Map<String, Object> metadata) {
        if (metadata == null) {
            return ToolRisk.DESTRUCTIVE;
        }
        if (Boolean.TRUE.equals(metadata.get(McpToolMetadataKeys.READ_ONLY_HINT))) {
            return ToolRisk.READ_ONLY;
        }
        return Boolean.FALSE.equals(metadata.get(McpToolMetadataKeys.DESTRUCTIVE_HINT))
                ? ToolRisk.WRITES : ToolRisk.DESTRUCTIVE;
    }

    private static ObjectNode schema(ToolSpecification spec) {
        if (spec.parameters() == null) {
            return ToolSchemas.object().build();
        }
        JsonNode node = ToolSchemas.MAPPER.valueToTree(JsonSchemaElementUtils.toMap(spec.parameters()));
        return node instanceof ObjectNode o ? o : ToolSchemas.object().build();
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    /** The client's own call timeout, plus a little for the answer to travel back. */
    @Override
    public Optional<Duration> timeout() {
        return Optional.of(connection.spec().callTimeout().plusSeconds(2));
    }

    @Override
    public String call(JsonNode arguments) throws ToolException {
        try {
            return connection.clean(callServer(arguments));
        } catch (ToolException e) {
            throw new ToolException(connection.clean(e.getMessage()), e.getCause());
        }
    }

    private String callServer(JsonNode arguments) throws ToolException {
        if (connection.isClosed()) {
            throw new ToolException("MCP server '" + connection.spec().name() + "' has been stopped");
        }
        Optional<Process> process = connection.process();
        if (process.isPresent() && !process.get().isAlive()) {
            throw new ToolException("MCP server '" + connection.spec().name() + "' is no longer running (exit code "
                    + process.get().exitValue() + ")" + stderr());
        }
        ToolExecutionResult result;
        long t0 = System.nanoTime();
        dev.langchain4j.mcp.client.McpClient client;
        try {
            client = connection.client();
        } catch (IllegalStateException e) {
            throw new ToolException("MCP server '" + connection.spec().name() + "' " + e.getMessage(), e);
        }
        try {
            result = client.executeTool(ToolExecutionRequest.builder().id("baton")
                    .name(descriptor.name()).arguments(arguments.toString()).build());
        } catch (RuntimeException e) {
            boolean died = process.isPresent() && !process.get().isAlive();
            // LangChain4j wraps a transport's failure and a server's error result alike (ToolExecutionException);
            // only the first has an I/O failure under it
            // a server that restarted answers the old session's id with 404 (the protocol's word) or 400
            boolean sessionGone = !connection.spec().isStdio() && SESSION_GONE.matcher(
                    String.valueOf(e.getMessage())).find();
            boolean connectionLost = sessionGone || !connection.spec().isStdio() && ioFailure(e);
            if (connectionLost) {
                connection.dropped();
            }
            throw new ToolException("MCP server '" + connection.spec().name() + "' "
                    + (died ? "exited during the call (exit code " + process.get().exitValue() + ")"
                    : sessionGone ? "no longer knows Baton's session (HTTP " + e.getMessage().strip().substring(
                    e.getMessage().strip().length() - 3) + ": it restarted or ended the session)"
                    : McpConnection.describe(e))
                    + (connectionLost ? "; a new session is opened for the next call" : "") + stderr(), e);
        }
        String text = result.resultText() == null ? "" : result.resultText();
        Duration limit = connection.spec().callTimeout();
        if (CLIENT_TIMEOUT_TEXT.equals(text) && System.nanoTime() - t0 >= limit.minusMillis(200).toNanos()) {
            throw new ToolException("MCP server '" + connection.spec().name() + "' did not answer within "
                    + limit.toSeconds() + " s (the call was cancelled)" + stderr());
        }
        if (result.isError()) {
            throw new ToolException(text.isBlank() ? "the MCP tool reported an error" : text);
        }
        return text;
    }

    private static final java.util.regex.Pattern SESSION_GONE = java.util.regex.Pattern.compile(
            "^Unexpected status code: 40[04]$");

    private static boolean ioFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private String stderr() {
        String tail = connection.stderrTail();
        return tail.isEmpty() ? "" : "; stderr: " + tail;
    }
}
