package dev.baton.engine.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tool call a model asked for.
 *
 * @param id            the provider's call id (echoed back in the tool result)
 * @param name          the tool's name
 * @param arguments     arguments by name, each as text (a non-string value as its JSON text)
 * @param argumentsJson the arguments exactly as the model sent them (a JSON object), or "" when only
 *                      {@code arguments} is known; a plain tool reads these, so numbers and nested objects keep their
 *                      types
 */
public record ToolCall(String id, String name, Map<String, String> arguments, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null || arguments.isEmpty() ? Map.of() : sorted(arguments);
        argumentsJson = argumentsJson == null ? "" : argumentsJson;
    }

    /** A call known by its string arguments only. */
    public ToolCall(String id, String name, Map<String, String> arguments) {
        this(id, name, arguments, "");
    }

    /**
     * The arguments in key order, unmodifiable. One argument (the usual tool call) needs no sorted copy: a singleton
     * map, which refuses a null key as the sorted map does.
     */
    private static Map<String, String> sorted(Map<String, String> arguments) {
        if (arguments.size() == 1) {
            Map.Entry<String, String> only = arguments.entrySet().iterator().next();
            return java.util.Collections.singletonMap(Objects.requireNonNull(only.getKey()), only.getValue());
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(arguments));
    }

    /** An argument's value, or "" when absent. */
    public String argument(String key) {
        return arguments.getOrDefault(key, "");
    }
}
