package dev.baton.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a run's workflow asks its workers to do: everything with a side effect or a key. One activity per model
 * call and per tool call; model calls also carry the run's events to the worker's audit database, and an activity of
 * its own records them when no model call does (a run waiting for a person) and at the run's end.
 */
@ActivityInterface
public interface BatonActivities {

    /** Calls a model with the worker's own credentials. A failure is an ApplicationFailure of type "model.KIND". */
    @ActivityMethod(name = "BatonModelCall")
    Wire.ModelAnswer callModel(Wire.ModelCall call);

    /** Runs one plain tool call; its failure is a result. */
    @ActivityMethod(name = "BatonToolCall")
    Wire.ToolAnswer callTool(Wire.ToolCallInput call);

    /**
     * Records a piece of a run's events in the worker's audit database, where it is not stored yet, and waits until
     * it is stored. Returns the last sequence number the database then holds for the run: below the piece's first
     * one when the database lacks the events before it (none of the piece is then written: send from there).
     */
    @ActivityMethod(name = "BatonRecordEvents")
    long record(Wire.Recording recording);
}
