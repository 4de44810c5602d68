package dev.baton.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * MCP 2025-11-25 tasks as far as Baton meets them. A tool listing {@code execution.taskSupport: "required"} must be
 * called as a task (a task-augmented {@code tools/call}, then polling {@code tasks/get}/{@code tasks/result}); a
 * plain call is refused by the server. LangChain4j's MCP client (1.18.1-beta28) makes plain calls only, so such a
 * tool is not offered to a model: the picker shows it unavailable and a run that names it is refused before it
 * starts. {@code "optional"} and {@code "forbidden"} (the default) tools take plain calls and are offered.
 */
public final class McpTaskSupport {

    /** Why a task-only tool is not offered, for the picker and the pre-run problem. */
    public static final String REQUIRED_REASON = "it must be called as an MCP task (execution.taskSupport "
            + "\"required\"), which Baton's MCP client does not support yet";

    private McpTaskSupport() {
    }

    /** True when the tool, as the server lists it in {@code tools/list}, accepts only task-augmented calls. */
    static boolean required(JsonNode listedTool) {
        return listedTool != null && "required".equals(listedTool.path("execution").path("taskSupport").asText(""));
    }
}
