package dev.baton.flow;

import java.util.HashSet;
import java.util.Set;

/**
 * What a flow says about tools: each node tool is a built-in one or {@code server/tool} of a declared MCP server,
 * an http tool needs a non-empty allow-list, servers are well-formed, bounds are positive. MCP tool names are not
 * checked here (that needs the server running: a pre-run check).
 */
final class ToolRules {

    /** Highest tool-call bound accepted for one activation. */
    static final int MAX_TOOL_CALLS = 1000;

    private ToolRules() {
    }

    static void check(ValidationContext ctx) {
        Flow flow = ctx.flow;
        ToolSettings t = flow.tools();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < t.mcpServers().size(); i++) {
            McpServerDecl s = t.mcpServers().get(i);
            String at = "/tools/mcpServers/" + i;
            if (!Ids.VALID.matcher(s.name()).matches()) {
                ctx.flowProblem(Problem.error("mcp-server-name", "", at + "/name", "MCP server #" + (i + 1)
                        + ": the name '" + s.name() + "' is not valid: use letters, digits, '-', '_' or '.'"));
            } else if (!names.add(s.name())) {
                ctx.flowProblem(Problem.error("mcp-server-duplicate", "", at + "/name",
                        "MCP server '" + s.name() + "' is declared twice"));
            }
            boolean hasUrl = s.url() != null && !s.url().isBlank();
            if (s.isStdio() == hasUrl) {
                ctx.flowProblem(Problem.error("mcp-server-transport", "", at, "MCP server '" + s.name()
                        + "' needs either a command (stdio) or a url (Streamable HTTP), not both or neither"));
            }
        }
        if (t.maxToolCalls() != null && (t.maxToolCalls() < 1 || t.maxToolCalls() > MAX_TOOL_CALLS)) {
            ctx.flowProblem(Problem.error("max-tool-calls", "", "/tools/maxToolCalls",
                    "maxToolCalls must be between 1 and " + MAX_TOOL_CALLS + ", not " + t.maxToolCalls()));
        }
        for (String tool : t.approval().keySet()) {
            String why = unknownApprovalTool(tool, t);
            if (why != null) {
                ctx.flowProblem(Problem.warning("approval-unknown-tool", "", "/tools/approval/" + pointerToken(tool),
                        "tools.approval names '" + tool + "', " + why + ": its policy applies to no call"));
            }
        }
        for (int i = 0; i < flow.nodes().size(); i++) {
            checkNode(ctx, i, flow.nodes().get(i), t);
        }
    }

    /** Why an approval policy's tool name can match no call, or null when it can. */
    private static String unknownApprovalTool(String tool, ToolSettings t) {
        int slash = tool.indexOf(BuiltInToolNames.SERVER_SEPARATOR);
        if (slash < 0) {
            return BuiltInToolNames.isBuiltIn(tool) ? null : "which is no built-in tool";
        }
        return t.server(tool.substring(0, slash)).isPresent() ? null
                : "whose server '" + tool.substring(0, slash) + "' the flow does not declare";
    }

    private static String pointerToken(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static void checkNode(ValidationContext ctx, int i, AgentNode n, ToolSettings t) {
        String at = ValidationContext.nodePointer(i);
        for (int k = 0; k < n.tools().size(); k++) {
            String tool = n.tools().get(k);
            String where = at + "/tools/" + k;
            int slash = tool.indexOf(BuiltInToolNames.SERVER_SEPARATOR);
            if (slash >= 0) {
                String server = tool.substring(0, slash);
                if (t.server(server).isEmpty()) {
                    ctx.nodeProblem(i, Problem.error("undeclared-mcp-server", n.id(), where,
                            ValidationContext.describe(n) + ": the tool '" + tool + "' comes from MCP server '"
                                    + server + "', which the flow does not declare under tools.mcpServers"));
                } else if (slash == tool.length() - 1) {
                    ctx.nodeProblem(i, Problem.error("unknown-tool", n.id(), where,
                            ValidationContext.describe(n) + ": '" + tool + "' names no tool after the server"));
                }
            } else if (!BuiltInToolNames.isBuiltIn(tool)) {
                ctx.nodeProblem(i, Problem.error("unknown-tool", n.id(), where,
                        ValidationContext.describe(n) + ": there is no tool named '" + tool + "'; built-in tools are "
                                + String.join(", ", BuiltInToolNames.ALL) + ", MCP tools are written server/tool"));
            } else if (BuiltInToolNames.HTTP_TOOLS.contains(tool) && t.httpAllowHosts().isEmpty()) {
                ctx.nodeProblem(i, Problem.error("http-allow-list-empty", n.id(), where,
                        ValidationContext.describe(n) + ": '" + tool + "' can reach no host: add hosts to the "
                                + "flow's tools.httpAllowHosts"));
            } else if (BuiltInToolNames.FILE_TOOLS.contains(tool) && (t.workspace() == null
                    || t.workspace().isBlank())) {
                ctx.nodeProblem(i, Problem.warning("no-workspace", n.id(), where,
                        ValidationContext.describe(n) + ": '" + tool + "' needs a workspace folder: set the flow's "
                                + "tools.workspace (or give --workspace when running)"));
            }
        }
        NodeToolSettings s = n.toolSettings();
        if (s != null) {
            for (String tool : s.approval().keySet()) {
                String why = unknownApprovalTool(tool, t);
                if (why != null) {
                    ctx.nodeProblem(i, Problem.warning("approval-unknown-tool", n.id(), at + "/approval/"
                            + pointerToken(tool), ValidationContext.describe(n) + ": its approval names '" + tool
                            + "', " + why + ": that policy applies to no call"));
                }
            }
        }
        if (s != null && s.maxToolCalls() != null && (s.maxToolCalls() < 1 || s.maxToolCalls() > MAX_TOOL_CALLS)) {
            ctx.nodeProblem(i, Problem.error("max-tool-calls", n.id(), at + "/maxToolCalls",
                    ValidationContext.describe(n) + ": maxToolCalls must be between 1 and " + MAX_TOOL_CALLS
                            + ", not " + s.maxToolCalls()));
        }
    }
}
