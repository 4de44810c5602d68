package dev.baton.engine.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tool offered to a model: a worker to delegate to, a peer to hand off to, or a plain tool.
 *
 * @param name        the function name the model calls (letters, digits, '_' and '-')
 * @param description what the tool does, written from the target agent's role and goal
 * @param parameters  string parameters, name → description; all are required
 */
public record ToolSpec(String name, String description, Map<String, String> parameters) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }
}
