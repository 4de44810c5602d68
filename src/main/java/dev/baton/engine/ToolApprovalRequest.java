package dev.baton.engine;

/**
 * A tool call held until a person approves it: what the gate and the front ends show.
 *
 * @param requestId     answer it with this id ({@link RunHandle#approveTool})
 * @param nodeId        the agent that asked for the call
 * @param callId        the model's id of the call
 * @param tool          the tool's name ({@code write_file}, {@code fs/write_file})
 * @param server        the MCP server the tool comes from, "" for a built-in tool
 * @param argumentsJson the arguments as the model sent them (a JSON object as text), redacted
 */
public record ToolApprovalRequest(String requestId, String nodeId, String callId, String tool, String server,
                                  String argumentsJson) {
}
