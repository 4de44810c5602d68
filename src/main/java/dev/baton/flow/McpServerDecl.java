package dev.baton.flow;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An MCP server a flow declares: a command to start (stdio) or a URL (Streamable HTTP). Only NAMES of environment
 * variables and credentials are stored here, never their values: those come from the environment or
 * {@code ~/.baton/credentials} when the server starts.
 *
 * @param name    how nodes refer to it: a node tool {@code name/tool}
 * @param command stdio: the program to start; null for http
 * @param args    stdio: its arguments
 * @param env     stdio: names of variables passed to the child
 * @param url     http: the endpoint; null for stdio
 * @param headers http: header name → name of the variable or credential holding its value
 * @param startTimeoutSeconds how long the server may take to start and list its tools; null for Baton's default
 * @param callTimeoutSeconds  how long one call of its tools may take; null for Baton's default
 */
public record McpServerDecl(String name, String command, List<String> args, List<String> env, String url,
                            Map<String, String> headers, Integer startTimeoutSeconds, Integer callTimeoutSeconds) {

    /** A server with Baton's default time limits. */
    public McpServerDecl(String name, String command, List<String> args, List<String> env, String url,
                         Map<String, String> headers) {
        this(name, command, args, env, url, headers, null, null);
    }

    public McpServerDecl {
        Objects.requireNonNull(name, "name");
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    /** True when the server is a child process speaking over stdio. */
    public boolean isStdio() {
        return command != null && !command.isBlank();
    }
}
