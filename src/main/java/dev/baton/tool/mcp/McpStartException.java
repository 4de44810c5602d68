package dev.baton.tool.mcp;

/** An MCP server that did not start or answer: one line saying which, why, and the end of its stderr. */
public class McpStartException extends Exception {

    public McpStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
