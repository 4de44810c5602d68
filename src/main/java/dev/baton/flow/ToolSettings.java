package dev.baton.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flow's tool settings: where the file tools work, which hosts the http tools may reach, the MCP servers nodes
 * may take tools from, the default bound on tool calls per agent activation and approval policies by tool.
 *
 * @param workspace      the file tools' folder, relative to the flow file; null when the flow names none
 * @param httpAllowHosts hosts the http tools may reach ({@code example.com}, {@code *.example.com}, {@code host:port})
 * @param mcpServers     declared MCP servers, in authored order
 * @param maxToolCalls   tool calls one agent activation may make; null for the engine's default
 * @param approval       policy per tool name ({@code read_file}, {@code fs/write_file}), over the tools' defaults
 */
public record ToolSettings(String workspace, List<String> httpAllowHosts, List<McpServerDecl> mcpServers,
                           Integer maxToolCalls, Map<String, ApprovalPolicy> approval) {

    /** No workspace, no hosts, no servers, engine defaults. */
    public static final ToolSettings NONE = new ToolSettings(null, List.of(), List.of(), null, Map.of());

    public ToolSettings {
        httpAllowHosts = httpAllowHosts == null ? List.of() : List.copyOf(httpAllowHosts);
        mcpServers = mcpServers == null ? List.of() : List.copyOf(mcpServers);
        approval = approval == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(approval));
    }

    /** The declared server with this name, if any. */
    public Optional<McpServerDecl> server(String name) {
        return mcpServers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** True when nothing is set (the flow file then has no {@code tools} block). */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
