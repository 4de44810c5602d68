package dev.baton.temporal;

import dev.baton.engine.RunHost;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.flow.McpServerDecl;
import dev.baton.tool.ToolResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * The engine's host inside a workflow: branches and parallel workers become workflow threads ({@link Async}), waits
 * become {@link Workflow#await}, the clock is the workflow's, and a plain tool call is one activity. All of it
 * deterministic, so a replay on another worker makes the same decisions.
 */
final class WorkflowHost implements RunHost, Executor {

    /** The change id of running a reply's tool calls at once (see {@link #parallelToolCalls}). */
    static final String PARALLEL_TOOL_CALLS = "parallel-tool-calls";

    /** Tools have side effects (write_file): never run twice; a lost call comes back as a tool error. */
    private static final ActivityOptions TOOL_CALLS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(60))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();

    /**
     * MCP calls are tried once too; the worker's tool runner bounds each by its server's call timeout, this only
     * catches a worker that never answers.
     */
    private static final ActivityOptions MCP_CALLS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(10))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();

    private final String runId;
    private final List<String> allowHosts;
    private final String workspace;
    private final Map<String, McpServerDecl> servers = new HashMap<>();

    WorkflowHost(String runId, List<String> allowHosts, String workspace) {
        this.runId = runId;
        this.allowHosts = allowHosts;
        this.workspace = workspace;
    }

    /** The MCP servers whose tools this run calls (by {@code server/tool}). */
    WorkflowHost withServers(List<McpServerDecl> declared) {
        declared.forEach(d -> servers.put(d.name(), d));
        return this;
    }

    @Override
    public void execute(Runnable task) {
        Async.procedure(task::run);
    }

    @Override
    public boolean await(Future<?> future, long nanos) throws InterruptedException {
        // no timer for the run deadline: its length would come from the wall clock and differ on replay; the
        // workflow's run timeout is the deadline
        try {
            Workflow.await(future::isDone);
            return true;
        } catch (CanceledFailure e) {
            throw new InterruptedException("the run was cancelled");
        }
    }

    /**
     * A reply's tool calls run at once, each from a workflow thread of its own; a workflow started by a Baton that
     * ran them one after the other replays that way (its history has no marker for this change).
     */
    @Override
    public boolean parallelToolCalls() {
        return Workflow.getVersion(PARALLEL_TOOL_CALLS, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    @Override
    public ToolResult callTool(String nodeId, String tool, String argumentsJson) {
        int slash = tool.indexOf(BuiltInToolNames.SERVER_SEPARATOR);
        if (slash > 0 && servers.containsKey(tool.substring(0, slash))) {
            return callServerTool(nodeId, servers.get(tool.substring(0, slash)), tool.substring(slash + 1),
                    argumentsJson);
        }
        BatonActivities activities = Workflow.newActivityStub(BatonActivities.class, TOOL_CALLS);
        try {
            Wire.ToolAnswer a = activities.callTool(new Wire.ToolCallInput(runId, nodeId, tool, argumentsJson,
                    allowHosts, workspace));
            return new ToolResult(a.tool(), a.error(), a.content(), Duration.ofMillis(a.durationMillis()), a.bytes(),
                    a.truncated());
        } catch (ActivityFailure e) {
            return ToolResult.failure(tool, "the tool call did not complete: " + ModelActivity.reason(e),
                    Duration.ZERO);
        }
    }

    private ToolResult callServerTool(String nodeId, McpServerDecl server, String tool, String argumentsJson) {
        McpActivities mcp = Workflow.newActivityStub(McpActivities.class, MCP_CALLS);
        try {
            Wire.ToolAnswer a = mcp.callServerTool(new Wire.ServerToolCall(runId, nodeId, Wire.McpServer.of(server),
                    tool, argumentsJson));
            return new ToolResult(a.tool(), a.error(), a.content(), Duration.ofMillis(a.durationMillis()), a.bytes(),
                    a.truncated());
        } catch (ActivityFailure e) {
            return ToolResult.failure(tool, "the MCP tool call did not complete: " + ModelActivity.reason(e),
                    Duration.ZERO);
        }
    }

    /** Event times from the workflow's clock: the same on replay. */
    static Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(Workflow.currentTimeMillis());
            }
        };
    }
}
