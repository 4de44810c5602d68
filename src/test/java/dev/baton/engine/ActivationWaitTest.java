package dev.baton.engine;

import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's latency leaves out the time it was held by a person (a breakpoint inside it, a question it asked), which
 * AgentFinished gives apart as waitedMs.
 */
class ActivationWaitTest {

    private static final SimulatedProvider SIM = new SimulatedProvider(SimulatedModel.Settings.DEFAULT);
    private static final long HELD_MS = 600;

    @Test
    void aBreakpointOnAWorkerIsTheSupervisorsWaitNotItsLatency() throws Exception {
        Flow flow = FlowFiles.load(Path.of("sample-flows/supervisor-market-entry-japan.json")).flow();
        RunGate gate = new RunGate() {
            @Override
            public String beforeNode(String runId, AgentNode node, int attempt, String input)
                    throws InterruptedException {
                if (node.id().equals("legal-analyst")) {
                    Thread.sleep(HELD_MS); // a person looking at the breakpoint
                }
                return input;
            }
        };
        Runs.Outcome o = Runs.run(SIM, flow, RunRequest.of("Enter the Japanese market with our CRM").withGate(gate));
        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);

        RunEvent.AgentFinished finished = o.events(RunEvent.AgentFinished.class).stream()
                .filter(e -> e.nodeId().equals("strategy-lead")).filter(e -> e.waitedMs() > 0).findFirst()
                .orElseThrow(() -> new AssertionError("no activation of the supervisor waited"));
        RunEvent.AgentStarted started = startOf(o.events(RunEvent.AgentStarted.class), finished);
        long span = Duration.between(started.time(), finished.time()).toMillis();
        assertThat(span).isGreaterThanOrEqualTo(HELD_MS);
        assertThat(finished.latencyMs()).isLessThan(span - HELD_MS + 100);
        assertThat(finished.waitedMs()).isBetween(HELD_MS - 50, span + 50);
        // the worker's own activation begins after its gate: nothing of the breakpoint is its latency
        assertThat(o.events(RunEvent.AgentFinished.class)).filteredOn(e -> e.nodeId().equals("legal-analyst"))
                .allSatisfy(e -> assertThat(e.latencyMs()).isLessThan(HELD_MS - 100));
    }

    @Test
    void aHumanNodesActivationIsAllWaiting() throws Exception {
        Flow flow = Flow.empty("ask", "Ask a person")
                .addNode(AgentNode.of("in", NodeKind.START, "Input"))
                .addNode(AgentNode.of("approver", NodeKind.HUMAN, "Approver").withInstructions("Approve?"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Answer"))
                .addEdge(Edge.next("in-to-approver", "in", "approver"))
                .addEdge(Edge.next("approver-to-out", "approver", "out"));
        RunRequest request = RunRequest.of("a plan").withHumanInput((requestId, nodeId, question, context) -> {
            Thread.sleep(HELD_MS);
            return "approved";
        });
        Runs.Outcome o = Runs.run(SIM, flow, request);
        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);

        RunEvent.AgentFinished approver = o.events(RunEvent.AgentFinished.class).stream()
                .filter(e -> e.nodeId().equals("approver")).findFirst().orElseThrow();
        assertThat(approver.latencyMs()).isLessThan(100);
        assertThat(approver.waitedMs()).isGreaterThanOrEqualTo(HELD_MS - 50);
    }

    @Test
    void overlappingWaitsCountOnceForTheEnclosingActivation() {
        WaitClock supervisor = new WaitClock(null);
        WaitClock workerA = new WaitClock(supervisor);
        WaitClock workerB = new WaitClock(supervisor);
        WaitClock.hold(workerA, 0);
        WaitClock.hold(workerB, 100);
        WaitClock.release(workerA, 500);
        WaitClock.release(workerB, 700);
        WaitClock.hold(workerA, 1_000);

        assertThat(workerA.waitedNanos(1_200)).isEqualTo(500 + 200);
        assertThat(workerB.waitedNanos(1_200)).isEqualTo(600);
        assertThat(supervisor.waitedNanos(1_200)).isEqualTo(700 + 200);
    }

    /** The start of the activation {@code end} ends: the node's last start before it. */
    private static RunEvent.AgentStarted startOf(List<RunEvent.AgentStarted> events, RunEvent.AgentFinished end) {
        return events.stream().filter(e -> e.nodeId().equals(end.nodeId()) && e.seq() < end.seq())
                .reduce((a, b) -> b).orElseThrow();
    }
}
