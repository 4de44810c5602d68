package dev.baton.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

import java.util.List;

/**
 * A run's MCP servers, on the workers: each worker starts the servers a run declares (their keys and variables from
 * its own environment, never from the workflow) and keeps them for the runs after; their tools are listed once per
 * run and each call is one activity.
 */
@ActivityInterface
public interface McpActivities {

    /** Starts (or reuses) {@code servers} and lists their tools; a server that cannot start fails the activity. */
    @ActivityMethod(name = "BatonMcpTools")
    List<Wire.ServerTool> listServerTools(List<Wire.McpServer> servers);

    /** Calls one tool of a server; its failure (the server's, the arguments') is a result. */
    @ActivityMethod(name = "BatonMcpCall")
    Wire.ToolAnswer callServerTool(Wire.ServerToolCall call);
}
