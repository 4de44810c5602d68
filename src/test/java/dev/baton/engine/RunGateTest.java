package dev.baton.engine;

import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional gate in front of node activations and handoffs: it can edit what passes, and it can be cancelled. */
class RunGateTest {

    private static final SimulatedProvider SIM = new SimulatedProvider(SimulatedModel.Settings.DEFAULT);

    @Test
    void aNodeGateEditsTheInputTheNodeReceives() throws Exception {
        RunGate gate = new RunGate() {
            @Override
            public String beforeNode(String runId, AgentNode node, int attempt, String input) {
                return node.id().equals("writer") ? "EDITED: only write about tidal power" : input;
            }
        };
        Runs.Outcome o = Runs.run(SIM, SampleFlows.blogChain(), RunRequest.of("Heat pumps").withGate(gate));

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.AgentStarted.class))
                .filteredOn(e -> e.nodeId().equals("writer"))
                .extracting(RunEvent.AgentStarted::input)
                .containsOnly("EDITED: only write about tidal power");
        assertThat(o.events(RunEvent.AgentStarted.class))
                .filteredOn(e -> e.nodeId().equals("researcher"))
                .extracting(RunEvent.AgentStarted::input)
                .noneMatch(i -> i.startsWith("EDITED"));
    }

    @Test
    void aHandoffGateEditsTheContextPassed() throws Exception {
        Flow swarm = FlowFiles.load(Path.of("sample-flows/swarm-customer-support.json")).flow();
        RunGate gate = new RunGate() {
            @Override
            public String beforeHandoff(String runId, Edge edge, String context) {
                return "Customer is a VIP. " + context;
            }
        };
        Runs.Outcome o = Runs.run(SIM, swarm, RunRequest.of("I was charged twice this month and want a refund")
                .withGate(gate));

        assertThat(o.events(RunEvent.Handoff.class)).isNotEmpty()
                .allSatisfy(h -> assertThat(h.context()).startsWith("Customer is a VIP. "));
    }

    @Test
    void cancellingARunHeldAtAGateEndsItPromptly() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        RunGate gate = new RunGate() {
            @Override
            public String beforeNode(String runId, AgentNode node, int attempt, String input)
                    throws InterruptedException {
                if (node.id().equals("writer")) {
                    held.countDown();
                    Thread.sleep(60_000); // a user who walked away from a breakpoint
                }
                return input;
            }
        };
        RunHandle h = Runs.runner(SIM).start(SampleFlows.blogChain(), RunRequest.of("Heat pumps").withGate(gate));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        h.cancel();
        RunResult r = h.result().get(5, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(ms).isLessThan(1_000);
    }
}
