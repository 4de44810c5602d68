package dev.baton.engine.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tool call a model asked for.
 *
 * @param id        the provider's call id (echoed back in the tool result)
 * @param name      the tool's name
 * @param arguments string arguments by name
 */
public record ToolCall(String id, String name, Map<String, String> arguments) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(arguments));
    }

    /** An argument's value, or "" when absent. */
    public String argument(String key) {
        return arguments.getOrDefault(key, "");
    }
}
