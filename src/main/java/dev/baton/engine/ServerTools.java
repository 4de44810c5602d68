package dev.baton.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolRegistry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MCP servers' tools of one run under the names a model may call. A node names such a tool {@code server/tool},
 * but providers accept only {@code [A-Za-z0-9_-]{1,64}} as a function name and a server's tool may share its name with
 * a built-in ({@code write_file}): the model is offered {@code server__tool} (other characters as '_', cut to 64 and
 * numbered when two collide), and events carry the server's own tool name with the server, as the audit and the
 * console show them ({@code server/tool}).
 */
final class ServerTools {

    private final Map<String, String> modelNames = new HashMap<>();
    private final Map<String, String> ownNames = new HashMap<>();

    /** Registers {@code tools} in {@code registry} under their model names. */
    ServerTools(ToolRegistry registry, List<Tool> tools) {
        for (Tool tool : tools) {
            ToolDescriptor d = tool.descriptor();
            String flowName = d.server() + BuiltInToolNames.SERVER_SEPARATOR + d.name();
            if (modelNames.containsKey(flowName)) {
                continue;
            }
            String base = (d.server() + "__" + d.name()).replaceAll("[^A-Za-z0-9_-]", "_");
            String name = base.length() > 64 ? base.substring(0, 64) : base;
            for (int i = 2; registry.find(name).isPresent(); i++) {
                String suffix = "_" + i;
                name = (base.length() > 64 - suffix.length() ? base.substring(0, 64 - suffix.length()) : base)
                        + suffix;
            }
            registry.register(new Renamed(tool, new ToolDescriptor(name, d.description(), d.parameters(), d.risk(),
                    d.defaultPolicy(), d.server())));
            modelNames.put(flowName, name);
            ownNames.put(name, d.name());
        }
    }

    /** The name the model calls for a node's {@code server/tool}, when that tool is in this run. */
    Optional<String> modelName(String flowName) {
        return Optional.ofNullable(modelNames.get(flowName));
    }

    /** The server's own name of the tool the model called ({@code echo} for {@code ev__echo}), else the name. */
    String ownName(String modelName) {
        return ownNames.getOrDefault(modelName, modelName);
    }

    /** A server's tool under another name; the work, the time limit and the server stay the same. */
    private record Renamed(Tool tool, ToolDescriptor descriptor) implements Tool {
        @Override
        public String call(JsonNode arguments) throws Exception {
            return tool.call(arguments);
        }

        @Override
        public Optional<Duration> timeout() {
            return tool.timeout();
        }
    }
}
