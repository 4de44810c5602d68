package dev.baton.tool;

import dev.baton.flow.ApprovalPolicy;

/** How much harm a tool call can do; it decides the default approval policy. */
public enum ToolRisk {
    /** Reads only (files in the workspace, a GET, arithmetic, the clock). */
    READ_ONLY,
    /** Changes something (writes a file, sends a non-GET request, an MCP tool not marked read-only). */
    WRITES,
    /** May destroy something (an MCP tool marked destructive). */
    DESTRUCTIVE;

    /** Reading tools run without asking; anything that changes the world asks a human first. */
    public ApprovalPolicy defaultPolicy() {
        return this == READ_ONLY ? ApprovalPolicy.AUTO : ApprovalPolicy.ASK;
    }
}
