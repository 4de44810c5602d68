package dev.baton.engine;

/**
 * A {@link RunEvent.Handler} for a consumer that acts on a few event types: every type it does not override goes to
 * {@link #otherwise}, so what it skips is a decision written once rather than a branch forgotten.
 */
public abstract class PartialHandler<R> implements RunEvent.Handler<R> {

    /** What the handler does with an event type it does not override. */
    protected abstract R otherwise(RunEvent e);

    @Override
    public R on(RunEvent.RunStarted e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.AgentStarted e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.ContextPassed e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.ModelRequested e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.ModelResponded e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.TokenChunk e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.ToolCalled e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.ToolCallRequested e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.ToolCallFinished e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.ToolApprovalRequested e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.ToolApprovalAnswered e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.Handoff e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.HandoffIgnored e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.Delegated e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.DelegationReturned e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.WorkerFailureHandled e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.CriticVerdict e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.Retried e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.JudgeDecision e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.RouteDecision e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.HumanInputRequested e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.HumanInputReceived e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.LimitReached e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.AgentFinished e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.AgentFailed e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.RunWarning e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.RunFinished e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.RunFailed e) {
        return otherwise(e);
    }

    @Override
    public R on(RunEvent.RunCancelled e) {
        return otherwise(e);
    }
}
