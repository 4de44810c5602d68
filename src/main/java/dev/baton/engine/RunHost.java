package dev.baton.engine;

import java.util.concurrent.Future;

/**
 * The runtime a run is hosted in, when it is not the embedded engine's own threads: a Temporal workflow schedules its
 * threads itself and replays them deterministically, so the run must wait through it (never block a thread it does
 * not know of), must not interrupt its threads, and leaves deadlines to it. See {@link FlowRunner#hosted}.
 */
public interface RunHost {

    /**
     * Waits until {@code future} is done or about {@code nanos} have passed (a host may leave the run deadline to its
     * own timeout and wait longer); false when it is not done.
     */
    boolean await(Future<?> future, long nanos) throws InterruptedException;

    /**
     * Runs one plain tool call of {@code nodeId} where the host runs side effects (a Temporal activity), with the
     * flow's tool settings; the result is what the engine's own tool runner would give (a failure is a result).
     * {@code tool} is a built-in's name, or {@code server/tool} for a tool of one of the run's MCP servers.
     */
    dev.baton.tool.ToolResult callTool(String nodeId, String tool, String argumentsJson);

    /**
     * Whether the tool calls of one reply may run at once, each on a thread of the host's executor (the run's
     * executor); false runs them one after the other, as runs the host started before it could did (a Temporal
     * workflow replays its history with the code's choices at the time).
     */
    default boolean parallelToolCalls() {
        return true;
    }
}
