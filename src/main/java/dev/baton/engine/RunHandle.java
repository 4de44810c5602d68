package dev.baton.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A started run: cancel it, answer its questions, wait for its result and for its listeners. */
public interface RunHandle {

    String runId();

    /** Stops the run: model calls are interrupted and the run ends CANCELLED (unless it already ended). */
    void cancel();

    /** Completes once the run has ended and its last event was published (not necessarily delivered). */
    CompletableFuture<RunResult> result();

    /** Answers a pending human-input request; false when no such request is waiting. */
    boolean answer(String requestId, String text);

    /** Answers a tool call waiting for approval; false when no such request is waiting. */
    default boolean approveTool(String requestId, ToolApproval approval) {
        return false;
    }

    /** Waits until every listener was handed every event published so far; false on timeout. */
    boolean awaitEventsDelivered(Duration timeout) throws InterruptedException;

    /** Listeners that threw, one line each (each reported once). */
    List<String> listenerFailures();
}
