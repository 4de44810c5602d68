package dev.baton.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a run's workflow asks its workers to do: everything with a side effect or a key. One activity per model
 * call and per tool call; one to record the run's events in the worker's audit database.
 */
@ActivityInterface
public interface BatonActivities {

    /** Calls a model with the worker's own credentials. A failure is an ApplicationFailure of type "model.KIND". */
    @ActivityMethod(name = "BatonModelCall")
    Wire.ModelAnswer callModel(Wire.ModelCall call);

    /** Runs one plain tool call; its failure is a result. */
    @ActivityMethod(name = "BatonToolCall")
    Wire.ToolAnswer callTool(Wire.ToolCallInput call);

    /** Records a run's events in the audit database, once: a run already recorded there is left as it is. */
    @ActivityMethod(name = "BatonRecordRun")
    long record(Wire.Recording recording);
}
