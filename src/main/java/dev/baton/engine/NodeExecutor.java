package dev.baton.engine;

import dev.baton.engine.step.Action;
import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.RetryReason;
import dev.baton.engine.step.StepException;
import dev.baton.engine.topology.AgentStep;
import dev.baton.engine.topology.HumanStep;
import dev.baton.engine.topology.JudgeStep;
import dev.baton.engine.topology.RouterStep;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouterMode;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one node by its kind (one {@link Step} per node kind): wraps model-calling nodes in their critic loop (what
 * {@link Reviews} does), does what a plain agent's, a router's and a judge's deciding step asks for (model calls, a
 * verifier run) inside the node's activation, records their decisions, and reports each activation as AgentStarted /
 * AgentFinished / AgentFailed events.
 */
final class NodeExecutor {

    private final RunContext run;
    private final Reviews critics;
    /** One step per node kind, built here and nowhere else. */
    private final Map<NodeKind, Step> steps = new EnumMap<>(NodeKind.class);

    NodeExecutor(RunContext run) {
        this.run = run;
        this.critics = new Reviews(run);
        Delegations supervisors = new Delegations(run);
        Handoffs swarms = new Handoffs(run, this, critics);
        steps.put(NodeKind.START, (node, input) -> input);
        steps.put(NodeKind.OUTPUT, (node, input) -> input);
        steps.put(NodeKind.AGENT, (node, input) -> isSwarmMember(node)
                ? swarms.run(node, input)
                : critics.run(node, input, null, (in, attempt) -> produce(node, in, attempt,
                    given -> agent(node, given))));
        steps.put(NodeKind.SUPERVISOR, (node, input) -> critics.run(node, input, null, (in, attempt) ->
                produce(node, in, attempt, given -> supervisors.run(node, given))));
        steps.put(NodeKind.HUMAN, this::askPerson);
        steps.put(NodeKind.JUDGE, (node, input) -> {
            throw StepException.failed(node.id(), "judge '" + node.id() + "' must sit on a join");
        });
        steps.put(NodeKind.CRITIC, (node, input) -> {
            throw StepException.failed(node.id(), "critic '" + node.id() + "' cannot run as a step");
        });
        steps.put(NodeKind.ROUTER, (node, input) -> {
            throw StepException.failed(node.id(), "router '" + node.id()
                    + "' routes only within a chain, not as a worker or swarm member");
        });
        for (NodeKind kind : NodeKind.values()) {
            if (!steps.containsKey(kind)) {
                throw new IllegalStateException("no step for node kind " + kind);
            }
        }
    }

    /** Runs a node that is not a join judge on {@code input}; returns its output. */
    public String execute(AgentNode node, String input) throws StepException {
        return steps.get(node.kind()).run(node, input);
    }

    /** Runs a judge on the outputs of its join. */
    public String executeJudge(AgentNode judge, String input, List<JudgeStep.Candidate> candidates)
            throws StepException {
        return critics.run(judge, input, null, (in, attempt) -> produce(judge, in, attempt,
                given -> judge(judge, given, candidates)));
    }

    /** The work of a plain agent's activation: does what its {@link AgentStep} decides. */
    private String agent(AgentNode node, String input) throws StepException {
        List<dev.baton.engine.model.ToolSpec> tools = node.tools().isEmpty() ? List.of() : run.tools().offered(node);
        AgentStep step = new AgentStep(node, input, run.index, tools,
                AgentStep.maxToolCalls(node, run.flow.tools().maxToolCalls()));
        Action next = step.start();
        while (true) {
            if (next instanceof Action.AskModel ask) {
                next = step.onReply(run.callModel(node, ask.messages(), ask.tools(), ask.json(), ask.turn()));
            } else if (next instanceof Action.CallTools calls) {
                next = step.onToolResults(run.tools().call(node, calls.calls()));
            } else {
                break;
            }
        }
        if (next instanceof Action.Done done) {
            return done.output();
        }
        if (next instanceof Action.Fail fail) {
            throw fail.reason();
        }
        throw StepException.failed(node.id(), "internal error: no handling of " + next);
    }

    /** The work of a judge's activation: does what its {@link JudgeStep} decides, and records the decision. */
    private String judge(AgentNode judge, String input, List<JudgeStep.Candidate> candidates) throws StepException {
        String runId = run.runId;
        JudgeStep step = new JudgeStep(judge, input, candidates, run.index);
        Action next = step.start();
        while (true) {
            if (next instanceof Action.AskModel ask) {
                next = step.onReply(run.callModel(judge, ask.messages(), ask.tools(), ask.json(), ask.turn()));
                String retry = step.takeRetry();
                if (retry != null) {
                    run.emit((seq, t) -> new RunEvent.Retried(runId, seq, t, judge.id(), "", RetryReason.FORMAT, 2,
                            0, retry));
                }
            } else if (next instanceof Action.RunNode verify) {
                next = step.onOutput(execute(verify.node(), verify.input()));
            } else if (next instanceof Action.Done done) {
                JudgeStep.Decision d = step.decision();
                run.emit((seq, t) -> new RunEvent.JudgeDecision(runId, seq, t, judge.id(), "", d.strategy(),
                        d.considered(), d.winner(), d.output(), d.rationale()));
                return done.output();
            } else if (next instanceof Action.Fail fail) {
                throw fail.reason();
            } else {
                throw StepException.failed(judge.id(), "internal error: no handling of " + next);
            }
        }
    }

    /** Runs a router as one activation: it decides among {@code routes}; its output is its input, passed on. */
    public RouterStep.Choice route(AgentNode router, String input, List<Edge> routes) throws StepException {
        RouterStep.Choice[] chosen = new RouterStep.Choice[1];
        activate(router, input, 1, given -> {
            RouterStep step = new RouterStep(router, given, routes, run.index);
            Action next = step.start();
            while (next instanceof Action.AskModel ask) {
                next = step.onReply(run.callModel(router, ask.messages(), ask.tools(), false, ask.turn()));
            }
            if (next instanceof Action.Fail fail) {
                throw fail.reason();
            }
            RouterStep.Choice choice = step.choice();
            String runId = run.runId;
            List<String> considered = step.considered();
            RouterMode mode = step.mode();
            run.emit((seq, t) -> new RunEvent.RouteDecision(runId, seq, t, router.id(), choice.edge().id(), mode,
                    considered, choice.edge().to(), choice.reason()));
            chosen[0] = choice;
            return given;
        });
        return chosen[0];
    }

    boolean isSwarmMember(AgentNode node) {
        return run.index.isSwarmMember(node.id());
    }

    /** The work of one activation, on the input it was finally given (a breakpoint may have edited it). */
    @FunctionalInterface
    interface Work {
        String run(String input) throws StepException;
    }

    /** A HUMAN node's activation: the question goes to the person running the flow; the answer is the output. */
    private String askPerson(AgentNode node, String input) throws StepException {
        String runId = run.runId;
        String nodeId = node.id();
        run.checkStopped(nodeId);
        run.emit((seq, t) -> new RunEvent.AgentStarted(runId, seq, t, nodeId, "", node.kind(),
                Prompts.label(node), input, 1));
        long t0 = System.nanoTime();
        String answer;
        try {
            answer = run.askHuman(node, HumanStep.question(node), input);
        } catch (StepException e) {
            String cause = e.getMessage();
            run.emit((seq, t) -> new RunEvent.AgentFailed(runId, seq, t, nodeId, "", cause));
            throw e;
        }
        // the whole activation is the person's time: nothing of it is the node's own latency
        long waited = (System.nanoTime() - t0) / 1_000_000;
        run.emit((seq, t) -> new RunEvent.AgentFinished(runId, seq, t, nodeId, "", answer, 0, 0, 0, waited));
        return answer;
    }

    /** {@link #activate} for a review: the output with the input the work was given (a breakpoint may edit it). */
    Reviews.Produced produce(AgentNode node, String input, int attempt, Work work) throws StepException {
        String[] given = {null};
        String output = activate(node, input, attempt, in -> {
            given[0] = in;
            return work.run(in);
        });
        return new Reviews.Produced(given[0], output);
    }

    /**
     * One activation of a node: the run's gate first, then events around it, the agent timeout over it, and never a
     * silent empty output.
     */
    String activate(AgentNode node, String given, int attempt, Work work)
            throws StepException {
        String runId = run.runId;
        String nodeId = node.id();
        run.checkStopped(nodeId);
        String input = run.gateNode(node, attempt, given);
        TextCaps.context(nodeId, "the input", input);
        run.emit((seq, t) -> new RunEvent.AgentStarted(runId, seq, t, nodeId, "", node.kind(),
                Prompts.label(node), input, attempt));
        long t0 = System.nanoTime();
        try {
            return run.activation(node, () -> {
                String output = work.run(input);
                if (output == null || output.isBlank()) {
                    throw StepException.failed(nodeId, "agent '" + nodeId + "' produced an empty output");
                }
                TextCaps.context(nodeId, "the output", output);
                int[] tokens = run.activationTokens();
                long waited = run.activationWaitedMs();
                long ms = Math.max(0, (System.nanoTime() - t0) / 1_000_000 - waited);
                run.emit((seq, t) -> new RunEvent.AgentFinished(runId, seq, t, nodeId, "", output, tokens[0],
                        tokens[1], ms, waited));
                return output;
            });
        } catch (StepException e) {
            if (e.kind() != StepException.Kind.CANCELLED) {
                String cause = e.getMessage();
                run.emit((seq, t) -> new RunEvent.AgentFailed(runId, seq, t, nodeId, "", cause));
            }
            throw e;
        }
    }
}
