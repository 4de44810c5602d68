package dev.baton.tool.mcp;

import dev.baton.flow.McpServerDecl;
import dev.baton.secret.Redactor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a flow's declaration of an MCP server into a {@link McpServerSpec}: the variables it names are looked up
 * (the caller's lookup reads the environment, then {@code ~/.baton/credentials}) and every value found is given to
 * the {@link Redactor}, so that a token echoed by a server or written in its stderr is redacted like an API key.
 */
public final class McpServers {

    private McpServers() {
    }

    /**
     * The spec of a declared server.
     *
     * @param lookup   a variable's value, or null when it is not set
     * @param redactor learns each value looked up
     * @throws IllegalArgumentException one line naming the server and the missing variables
     */
    public static McpServerSpec spec(McpServerDecl decl, Function<String, String> lookup, Redactor redactor) {
        List<String> missing = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : decl.env()) {
            String value = lookup.apply(name);
            if (value == null) {
                missing.add(name);
            } else {
                redactor.remember(value);
                env.put(name, value);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        decl.headers().forEach((header, variable) -> {
            String value = lookup.apply(variable);
            if (value == null) {
                missing.add(variable);
            } else {
                redactor.remember(value);
                headers.put(header, value);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("MCP server '" + decl.name() + "' needs " + String.join(", ", missing)
                    + ": set " + (missing.size() == 1 ? "it" : "them")
                    + " in the environment or in ~/.baton/credentials");
        }
        McpServerSpec spec;
        if (decl.isStdio()) {
            List<String> command = new ArrayList<>();
            command.add(decl.command());
            command.addAll(decl.args());
            spec = McpServerSpec.stdio(decl.name(), command, env);
        } else {
            spec = McpServerSpec.http(decl.name(), decl.url(), headers);
        }
        return spec.withTimeouts(seconds(decl.startTimeoutSeconds(), McpServerSpec.DEFAULT_START_TIMEOUT),
                seconds(decl.callTimeoutSeconds(), McpServerSpec.DEFAULT_CALL_TIMEOUT));
    }

    private static java.time.Duration seconds(Integer value, java.time.Duration otherwise) {
        return value == null || value < 1 ? otherwise : java.time.Duration.ofSeconds(value);
    }
}
