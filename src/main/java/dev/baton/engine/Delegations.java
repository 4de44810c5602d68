package dev.baton.engine;

import dev.baton.engine.step.Action;
import dev.baton.engine.step.AgentCall;
import dev.baton.engine.step.ContextAssembler;
import dev.baton.engine.step.StepException;
import dev.baton.engine.topology.SupervisorPlanner;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.WorkerFailurePolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Does what a {@link SupervisorPlanner} decides: asks the supervisor's model, runs the workers it delegates to (the
 * calls of one turn in parallel, the last on this thread), records every delegation, context, return and handled
 * failure as events, and feeds the results back until the planner is done or fails.
 */
final class Delegations {

    private final RunContext run;

    Delegations(RunContext run) {
        this.run = run;
    }

    /** One activation's work of a supervisor: its output. */
    String run(AgentNode supervisor, String input) throws StepException {
        SupervisorPlanner planner = new SupervisorPlanner(supervisor, run.index, run.limits(), input);
        Action next = planner.start();
        while (true) {
            record(supervisor, planner.takeHandled());
            if (next instanceof Action.AskModel ask) {
                next = planner.onReply(run.callModel(supervisor, ask.messages(), ask.tools(), false, ask.turn()));
            } else if (next instanceof Action.CallAgents calls) {
                next = planner.onResults(call(supervisor, calls.calls()));
            } else if (next instanceof Action.Done done) {
                return done.output();
            } else if (next instanceof Action.Fail fail) {
                throw fail.reason();
            } else {
                throw StepException.failed(supervisor.id(), "internal error: no handling of " + next);
            }
        }
    }

    private List<AgentCall.Result> call(AgentNode supervisor, List<AgentCall> calls) throws StepException {
        String runId = run.runId;
        List<StepBody<AgentCall.Result>> tasks = new ArrayList<>();
        for (AgentCall call : calls) {
            run.emit((seq, t) -> new RunEvent.ToolCalled(runId, seq, t, supervisor.id(), "", call.callId(),
                    call.tool(), call.arguments()));
            if (call.refused()) {
                tasks.add(() -> new AgentCall.Result(call.refusal(), null));
            } else {
                tasks.add(delegate(supervisor, call));
            }
        }
        List<CompletableFuture<AgentCall.Result>> results = new ArrayList<>();
        for (int i = 0; i < tasks.size() - 1; i++) {
            results.add(run.submit(tasks.get(i)));
        }
        // the last sub-task runs on this thread, which would only wait otherwise
        results.add(CompletableFuture.completedFuture(tasks.get(tasks.size() - 1).run()));
        List<AgentCall.Result> outputs = run.awaitAll(supervisor.id(), results);
        for (int i = 0; i < outputs.size(); i++) {
            AgentCall call = calls.get(i);
            if (!call.refused()) {
                Edge edge = call.edge();
                String out = SupervisorPlanner.resultText(call, outputs.get(i));
                run.emit((seq, t) -> new RunEvent.DelegationReturned(runId, seq, t, edge.to(), edge.id(),
                        supervisor.id(), edge.to(), call.callId(), out));
            }
        }
        return outputs;
    }

    private StepBody<AgentCall.Result> delegate(AgentNode supervisor, AgentCall call) throws StepException {
        String runId = run.runId;
        Edge edge = call.edge();
        AgentNode worker = run.index.node(edge.to()).orElseThrow(() -> StepException.failed(edge.to(),
                "worker '" + edge.to() + "' is not in the flow"));
        run.emit((seq, t) -> new RunEvent.Delegated(runId, seq, t, worker.id(), edge.id(), supervisor.id(),
                worker.id(), call.callId(), call.instruction()));
        ContextAssembler.Section s = call.context();
        run.emit((seq, t) -> new RunEvent.ContextPassed(runId, seq, t, worker.id(), edge.id(), supervisor.id(),
                s.mode(), s.tokens(), s.truncated(), s.text()));
        return () -> {
            try {
                return new AgentCall.Result(run.executeNode(worker, s.text()), null);
            } catch (StepException e) {
                SupervisorPlanner.OnFailure what = SupervisorPlanner.onFailure(supervisor, e, run.isStopping());
                if (what == SupervisorPlanner.OnFailure.END_RUN) {
                    throw e;
                }
                String cause = "failed: " + e.getMessage();
                if (what == SupervisorPlanner.OnFailure.FAIL_RUN) {
                    run.emit((seq, t) -> new RunEvent.WorkerFailureHandled(runId, seq, t, supervisor.id(), edge.id(),
                            supervisor.id(), worker.id(), WorkerFailurePolicy.FAIL.name(), "failed the run", "",
                            cause));
                    throw e;
                }
                return new AgentCall.Result(null, cause);
            }
        };
    }

    private void record(AgentNode supervisor, List<SupervisorPlanner.Handled> handled) {
        String runId = run.runId;
        for (SupervisorPlanner.Handled h : handled) {
            run.emit((seq, t) -> new RunEvent.WorkerFailureHandled(runId, seq, t, supervisor.id(), h.edge().id(),
                    supervisor.id(), h.edge().to(), h.policy(), h.action(), h.then(), h.cause()));
        }
    }
}
