package dev.baton.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

import java.util.List;

/** One Baton run as a Temporal workflow; its workflow id is the run id. */
@WorkflowInterface
public interface BatonWorkflow {

    /** Runs the flow to its end; the outcome repeats what the run's terminal event says. */
    @WorkflowMethod(name = "BatonRun")
    Wire.RunOutcome run(Wire.RunInput input);

    /** A person's answer to question {@code requestId} (a HUMAN node or ask_human), as HumanInputRequested named it. */
    @SignalMethod(name = "answer")
    void answer(String requestId, String text);

    /** The run's events after {@code afterSeq}, at most {@code max}, as {@link WireEvents} JSON: the live transcript. */
    @QueryMethod(name = "events")
    List<String> events(long afterSeq, int max);

    /** As {@link #events}, with the breakpoints that hold the run now: what a front end polls. */
    @QueryMethod(name = "progress")
    Wire.Progress progress(long afterSeq, int max);

    /** A person's answer to a tool call waiting for approval (ToolApprovalRequested's request id). */
    @SignalMethod(name = "approveTool")
    void approveTool(Wire.Approval approval);

    /**
     * Lets the run go on from the breakpoint {@code pauseId} (0: the oldest one holding it) with {@code text} as the
     * node's input or the handoff's context (null: unchanged).
     */
    @SignalMethod(name = "resume")
    void resume(long pauseId, String text);

    /** Replaces the run's breakpoints from now on. */
    @SignalMethod(name = "breakpoints")
    void breakpoints(Wire.Breakpoints breakpoints);
}
