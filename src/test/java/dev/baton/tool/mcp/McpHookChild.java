package dev.baton.tool.mcp;

import java.util.List;
import java.util.Map;

/** A Baton stand-in for {@link McpBrokenServersTest}: starts a server, prints its pid, exits without closing it. */
public final class McpHookChild {

    private McpHookChild() {
    }

    public static void main(String[] args) throws Exception {
        McpConnection c = McpConnection.start(McpServerSpec.stdio("hooked", List.of(args), Map.of()));
        System.out.println("pid " + c.process().orElseThrow().pid());
        System.out.flush();
        System.exit(0);
    }
}
