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
}
