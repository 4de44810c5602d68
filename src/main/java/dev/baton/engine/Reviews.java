package dev.baton.engine;

import dev.baton.engine.step.Action;
import dev.baton.engine.step.StepException;
import dev.baton.engine.topology.CriticChecks;
import dev.baton.engine.topology.CriticPlanner;
import dev.baton.flow.AgentNode;

import java.util.List;

/**
 * Does what a {@link CriticPlanner} decides: runs the reviewed node's activations, applies the critics' checks (bounded
 * by character reads), asks each critic's model within one activation of that critic, asks the person when a policy says so,
 * and records the verdicts, warnings and retries as events, until the output is accepted or the run fails.
 */
final class Reviews {

    /** Produces the reviewed node's output for an input: one activation, {@code attempt} counting from 1. */
    @FunctionalInterface
    interface Producer {
        Produced produce(String input, int attempt) throws StepException;
    }

    /** An activation's output and the input it was produced from (a breakpoint may have edited the one asked for). */
    record Produced(String given, String output) {
    }

    private final RunContext run;

    Reviews(RunContext run) {
        this.run = run;
    }

    /**
     * Produces (unless {@code firstOutput} is given) and reviews {@code node}'s output; returns the accepted output.
     */
    String run(AgentNode node, String input, String firstOutput, Producer producer) throws StepException {
        CriticPlanner planner = new CriticPlanner(node, input, run.index, run.limits());
        Action next = planner.start(firstOutput);
        while (true) {
            record(planner.takeNotes());
            if (next instanceof Action.Activate a) {
                Produced p = producer.produce(a.input(), a.attempt());
                next = planner.onOutput(p.output(), p.given());
            } else if (next instanceof Action.RunChecks c) {
                next = planner.onChecks(check(c));
            } else if (next instanceof Action.AskModel ask) {
                next = consult(planner, planner.critic(), ask);
            } else if (next instanceof Action.AskHuman h) {
                next = planner.onAnswer(run.askHuman(h.node(), h.question(), h.context()));
            } else if (next instanceof Action.Done done) {
                return done.output();
            } else if (next instanceof Action.Fail fail) {
                throw fail.reason();
            } else {
                throw StepException.failed(node.id(), "internal error: no handling of " + next);
            }
        }
    }

    /**
     * One consultation of a critic's model, as one activation of the critic (under its timeout, counting its
     * tokens): the question, and once more when the reply was not the JSON verdict.
     */
    private Action consult(CriticPlanner planner, AgentNode critic, Action.AskModel first) throws StepException {
        return run.activation(critic, () -> {
            Action.AskModel ask = first;
            while (true) {
                Action then = planner.onReply(run.callModel(critic, ask.messages(), ask.tools(), ask.json(),
                        ask.turn()));
                if (!(then instanceof Action.AskModel again) || again.turn() == 1) {
                    return then;
                }
                // the reason for asking again is recorded before the second question
                record(planner.takeNotes());
                ask = again;
            }
        });
    }

    /** The critic's deterministic checks; one that cannot be decided fails the run (the flow's check must change). */
    private List<String> check(Action.RunChecks c) throws StepException {
        String criticId = c.critic().id();
        try {
            return CriticChecks.failures(c.checks(), c.output());
        } catch (CriticChecks.TooSlow e) {
            throw StepException.failed(criticId, "critic '" + criticId + "': " + e.getMessage());
        } catch (CriticChecks.Interrupted e) {
            Thread.currentThread().interrupt();
            throw run.stopCause(criticId);
        }
    }

    private void record(List<CriticPlanner.Note> notes) {
        String runId = run.runId;
        for (CriticPlanner.Note note : notes) {
            if (note instanceof CriticPlanner.Verdict v) {
                run.emit((seq, t) -> new RunEvent.CriticVerdict(runId, seq, t, v.criticId(), v.edgeId(), v.nodeId(),
                        v.pass(), v.feedback(), v.failedChecks(), v.attempt()));
            } else if (note instanceof CriticPlanner.Warning w) {
                run.warn(w.nodeId(), w.message());
            } else if (note instanceof CriticPlanner.Retry r) {
                run.emit((seq, t) -> new RunEvent.Retried(runId, seq, t, r.nodeId(), r.edgeId(), r.reason(),
                        r.attempt(), 0, r.cause()));
            }
        }
    }
}
