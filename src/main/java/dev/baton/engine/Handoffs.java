package dev.baton.engine;

import dev.baton.engine.step.Action;
import dev.baton.engine.step.StepException;
import dev.baton.engine.topology.SwarmPlanner;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextMode;
import dev.baton.flow.Edge;

import java.util.List;

/**
 * Does what a {@link SwarmPlanner} decides: activates the agent whose turn it is, asks its model, counts each
 * handoff against maxHandoffs, passes the handoff gate, records handoffs and ignored calls as events, and has the
 * final answer reviewed by its critics.
 */
final class Handoffs {

    private final RunContext run;
    private final NodeExecutor nodes;
    private final Reviews critics;

    Handoffs(RunContext run, NodeExecutor nodes, Reviews critics) {
        this.run = run;
        this.nodes = nodes;
        this.critics = critics;
    }

    /** Runs the swarm entered at {@code entry} on {@code input}: the answer of the agent that kept the request. */
    String run(AgentNode entry, String input) throws StepException {
        SwarmPlanner planner = new SwarmPlanner(entry, input, run.index, run.limits());
        while (true) {
            SwarmPlanner.Turn turn = planner.nextTurn();
            AgentNode agent = turn.agent();
            planner.offerTools(agent.tools().isEmpty() ? List.of() : run.tools().offered(agent),
                    dev.baton.engine.topology.AgentStep.maxToolCalls(agent, run.flow.tools().maxToolCalls()));
            String shown = nodes.activate(agent, turn.prompt(), turn.turn(), given -> {
                Action next = planner.ask(given, turn.turn());
                while (next instanceof Action.AskModel || next instanceof Action.CallTools) {
                    if (next instanceof Action.CallTools calls) {
                        next = planner.onToolResults(run.tools().call(agent, calls.calls()), turn.turn());
                        continue;
                    }
                    Action.AskModel ask = (Action.AskModel) next;
                    next = planner.onReply(run.callModel(agent, ask.messages(), ask.tools(), false, ask.turn()));
                    record(planner.takeIgnored());
                }
                return outcome(agent, next);
            });
            Action next = planner.afterTurn();
            record(planner.takeIgnored());
            if (next instanceof Action.HandOff handOff) {
                handOff(agent, planner, handOff);
            } else if (next instanceof Action.Done) {
                return critics.run(agent, planner.given(), shown, (in, attempt) -> nodes.produce(agent, in, attempt,
                        edited -> run.callModel(agent, SwarmPlanner.messages(agent, edited), List.of(), false,
                                attempt).text()));
            } else {
                outcome(agent, next);
            }
        }
    }

    private void handOff(AgentNode agent, SwarmPlanner planner, Action.HandOff h) throws StepException {
        Edge edge = h.edge();
        int number = run.nextHandoffNumber();
        Integer max = run.limits().maxHandoffs();
        if (max != null && number > max) {
            throw StepException.limit(agent.id(), "maxHandoffs", "handoff " + agent.id() + " -> " + edge.to()
                    + " would be number " + number + ", over maxHandoffs " + max);
        }
        // a breakpoint on the edge may hold the run here and edit what is passed
        String passed = run.gateHandoff(edge, h.context().text());
        String runId = run.runId;
        ContextMode mode = h.context().mode();
        run.emit((seq, t) -> new RunEvent.Handoff(runId, seq, t, edge.to(), edge.id(), agent.id(), edge.to(),
                h.reason(), mode, passed, number));
        planner.handedOff(passed);
    }

    /** The output of a Done, the failure of a Fail. */
    private static String outcome(AgentNode agent, Action a) throws StepException {
        if (a instanceof Action.Done done) {
            return done.output();
        }
        if (a instanceof Action.Fail fail) {
            throw fail.reason();
        }
        throw StepException.failed(agent.id(), "internal error: no handling of " + a + " here");
    }

    private void record(List<SwarmPlanner.Ignored> ignored) {
        String runId = run.runId;
        for (SwarmPlanner.Ignored i : ignored) {
            run.emit((seq, t) -> new RunEvent.HandoffIgnored(runId, seq, t, i.nodeId(), i.edgeId(), i.nodeId(),
                    i.target(), i.reason(), i.why()));
        }
    }
}
