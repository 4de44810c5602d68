package dev.baton.ui.run;

/** A tool call the run holds until the user approves or denies it, for the Run tab's approval box. */
public record ToolApprovalPrompt(String requestId, String nodeId, String tool, String server, String argumentsJson) {
}
