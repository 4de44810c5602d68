package dev.baton.tool.mcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one MCP server, with values already resolved (environment and header values come from the
 * environment or the credentials file, never from the flow file: the flow names them, the caller looks them up).
 *
 * @param name         the server's name in the flow (prefix of its tools: {@code name/tool})
 * @param command      stdio: the program and its arguments; empty for http
 * @param environment  stdio: variables added to the child's environment
 * @param url          Streamable HTTP: the endpoint; null for stdio
 * @param headers      http: headers sent with every request
 * @param startTimeout how long start-up and the tool list may take
 * @param callTimeout  how long one tool call may take
 * @param directory    stdio: the folder the server starts in (a run: the flow file's); null for Baton's own
 */
public record McpServerSpec(String name, List<String> command, Map<String, String> environment, String url,
                            Map<String, String> headers, Duration startTimeout, Duration callTimeout,
                            Path directory) {

    /** Default time for a server to start and list its tools (npm servers take a few seconds cold). */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    /** Default time for one call. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    public McpServerSpec {
        Objects.requireNonNull(name, "name");
        command = command == null ? List.of() : List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
        callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
        if (command.isEmpty() == (url == null || url.isBlank())) {
            throw new IllegalArgumentException("MCP server '" + name + "' needs either a command (stdio) or a url "
                    + "(Streamable HTTP), not both or neither");
        }
    }

    /** A server started in Baton's own working folder. */
    public McpServerSpec(String name, List<String> command, Map<String, String> environment, String url,
                         Map<String, String> headers, Duration startTimeout, Duration callTimeout) {
        this(name, command, environment, url, headers, startTimeout, callTimeout, null);
    }

    /** A stdio server. */
    public static McpServerSpec stdio(String name, List<String> command, Map<String, String> environment) {
        return new McpServerSpec(name, command, environment, null, null, null, null);
    }

    /** A Streamable HTTP server. */
    public static McpServerSpec http(String name, String url, Map<String, String> headers) {
        return new McpServerSpec(name, null, null, url, headers, null, null);
    }

    /** The same server with other time limits. */
    public McpServerSpec withTimeouts(Duration start, Duration call) {
        return new McpServerSpec(name, command, environment, url, headers, start, call, directory);
    }

    /** The same server started in {@code folder} (stdio only: relative paths in its arguments mean that folder). */
    public McpServerSpec inDirectory(Path folder) {
        return new McpServerSpec(name, command, environment, url, headers, startTimeout, callTimeout, folder);
    }

    /** True for a child process speaking over stdin/stdout. */
    public boolean isStdio() {
        return !command.isEmpty();
    }

    /** Where the server is, for messages: its command line or its URL (never header or environment values). */
    public String where() {
        return isStdio() ? String.join(" ", command) : url;
    }
}
