package dev.baton.engine.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tool offered to a model: a worker to delegate to, a peer to hand off to, or a plain tool.
 *
 * @param name             the function name the model calls (letters, digits, '_' and '-')
 * @param description      what the tool does, written from the target agent's role and goal
 * @param parameters       string parameters, name → description; all are required (used when {@code schema} is "")
 * @param parametersSchema the parameters as a JSON-Schema object in JSON text (a plain tool's), or "" to derive the
 *                         schema from {@code parameters}; text, so that the engine's records hold no library types
 */
public record ToolSpec(String name, String description, Map<String, String> parameters, String parametersSchema) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
        parametersSchema = parametersSchema == null ? "" : parametersSchema;
    }

    /** A tool whose parameters are all required strings. */
    public ToolSpec(String name, String description, Map<String, String> parameters) {
        this(name, description, parameters, "");
    }

    /** A tool with a JSON-Schema parameter object. */
    public static ToolSpec withSchema(String name, String description, String parametersSchema) {
        return new ToolSpec(name, description, Map.of(), parametersSchema);
    }
}
