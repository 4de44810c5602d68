package dev.baton.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The tools a run can offer, by name, in registration order. Names are unique: a second one is refused. */
public final class ToolRegistry {

    /** What providers accept as a function name (OpenAI's rule, the strictest of ours). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, Tool> tools = new LinkedHashMap<>();

    /** Adds a tool; IllegalArgumentException when the name is not valid or already taken. */
    public synchronized ToolRegistry register(Tool tool) {
        String name = tool.descriptor().name();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name '" + name
                    + "' is not valid: use 1 to 64 letters, digits, '_' or '-'");
        }
        if (tools.putIfAbsent(name, tool) != null) {
            throw new IllegalArgumentException("a tool named '" + name + "' is already registered");
        }
        return this;
    }

    /** The tool with this name, if registered. */
    public synchronized Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** Every tool's descriptor, in registration order. */
    public synchronized List<ToolDescriptor> descriptors() {
        List<ToolDescriptor> list = new ArrayList<>(tools.size());
        tools.values().forEach(t -> list.add(t.descriptor()));
        return list;
    }

    /** The registered names, in registration order. */
    public synchronized List<String> names() {
        return List.copyOf(tools.keySet());
    }
}
