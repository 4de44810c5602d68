package dev.baton.run;

import dev.baton.engine.HumanInputHandler;
import dev.baton.engine.RunGate;

import java.util.Set;

/**
 * What a front end brings to a run on a {@link RemoteEngine}: the input, who answers, where it stops.
 *
 * @param input              the run's input
 * @param questions          answers a person's questions (HUMAN nodes, ask_human); null: they wait for
 *                           {@link RemoteRun#answer}
 * @param humanInputAllowed  false makes a question to a person fail the run (the CLI's {@code --no-input})
 * @param gate               asked, on a thread of the follower's, for each tool call waiting for approval and each
 *                           breakpoint the run stopped at, as the embedded engine asks its gate (null from it: the
 *                           call or the stop waits for {@link RemoteRun#approveTool} or {@link RemoteRun#resume});
 *                           null: nobody answers tool approvals, an {@code ask} call is denied at once
 * @param breakpointNodes    node ids the run stops before (each activation)
 * @param breakpointHandoffs HANDOFF edge ids the run stops before
 */
public record RemoteRequest(String input, HumanInputHandler questions, boolean humanInputAllowed, RunGate gate,
                            Set<String> breakpointNodes, Set<String> breakpointHandoffs) {

    public RemoteRequest {
        input = input == null ? "" : input;
        breakpointNodes = breakpointNodes == null ? Set.of() : Set.copyOf(breakpointNodes);
        breakpointHandoffs = breakpointHandoffs == null ? Set.of() : Set.copyOf(breakpointHandoffs);
    }

    /** What {@link RemoteEngine#run(dev.baton.flow.Flow, String, HumanInputHandler, dev.baton.engine.RunListener)} runs. */
    public static RemoteRequest of(String input, HumanInputHandler questions) {
        return new RemoteRequest(input, questions, questions != null, null, Set.of(), Set.of());
    }

    /** The same request with {@code gate} answering approvals and breakpoints. */
    public RemoteRequest withGate(RunGate newGate) {
        return new RemoteRequest(input, questions, humanInputAllowed, newGate, breakpointNodes, breakpointHandoffs);
    }

    /** The same request stopping before {@code nodes} and the HANDOFF edges {@code handoffs}. */
    public RemoteRequest withBreakpoints(Set<String> nodes, Set<String> handoffs) {
        return new RemoteRequest(input, questions, humanInputAllowed, gate, nodes, handoffs);
    }
}
