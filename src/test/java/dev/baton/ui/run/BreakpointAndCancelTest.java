package dev.baton.ui.run;

import dev.baton.audit.AuditStore;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.EventRecorder;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Breakpoints really hold the engine and let the user edit what is passed; cancel ends a run within a second. */
class BreakpointAndCancelTest {

    private static final String EDITED = "EDITED BY THE USER: the customer only wants to know the refund date.";
    private final FakeFxThread fx = new FakeFxThread();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aHandoffBreakpointHoldsTheRunAndTheEditedContextReachesTheNextAgentAndTheAudit(@TempDir Path dir)
            throws Exception {
        Path db = dir.resolve("audit");
        RunController c = RunController.simulated(LiveRuns.sample("swarm-customer-support.json"),
                SimulatedModel.Settings.DEFAULT, fx.executor).auditTo(db);
        c.breakpoints().onHandoff("billing-to-refunds");
        EventRecorder rec = new EventRecorder();
        c.listen(rec);
        c.start(LiveRuns.SWARM_REFUND);

        BreakpointHit hit = c.awaitBreakpoint(Duration.ofSeconds(20));
        assertThat(hit).isNotNull();
        assertThat(hit.kind()).isEqualTo(BreakpointHit.Kind.HANDOFF);
        assertThat(hit.edgeId()).isEqualTo("billing-to-refunds");
        assertThat(hit.from()).isEqualTo("billing");
        assertThat(hit.text()).contains("charged twice");
        // the engine is really held: no handoff along that edge and refunds never started
        Thread.sleep(200);
        assertThat(rec.of(RunEvent.Handoff.class)).extracting(RunEvent.Handoff::edgeId)
                .containsExactly("triage-to-billing");
        assertThat(rec.of(RunEvent.AgentStarted.class)).extracting(RunEvent.AgentStarted::nodeId)
                .doesNotContain("refunds");
        assertThat(c.finished()).isNotDone();
        LiveRuns.drained(c.bridge(), fx);
        assertThat(fx.call(() -> c.viewModel().breakpointProperty().get())).isSameAs(hit);
        assertThat(fx.call(() -> c.viewModel().node("refunds").badgeProperty().get())).isEqualTo("breakpoint");

        assertThat(c.continueRun(EDITED)).isTrue();
        RunResult result = c.finished().get(30, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);

        RunEvent.Handoff handoff = rec.of(RunEvent.Handoff.class).get(1);
        assertThat(handoff.context()).isEqualTo(EDITED);
        RunEvent.AgentStarted refunds = rec.of(RunEvent.AgentStarted.class).stream()
                .filter(e -> e.nodeId().equals("refunds")).findFirst().orElseThrow();
        assertThat(refunds.input()).startsWith(EDITED).doesNotContain("charged twice");
        LiveRuns.drained(c.bridge(), fx);
        assertThat(fx.call(() -> c.viewModel().breakpointProperty().get())).isNull();
        assertThat(fx.call(() -> c.viewModel().edge("billing-to-refunds").lastSignalProperty().get().text()))
                .isEqualTo(EDITED);
        try (AuditStore store = H2AuditStore.open(db)) {
            List<AuditStore.HandoffRecord> recorded = store.handoffs(result.runId());
            assertThat(recorded).extracting(AuditStore.HandoffRecord::edgeId)
                    .containsExactly("triage-to-billing", "billing-to-refunds");
            assertThat(recorded.get(1).context()).isEqualTo(EDITED);
        }
    }

    @Test
    void aNodeBreakpointStopsBeforeTheNodeStartsAndTheEditedInputIsWhatItGets() throws Exception {
        RunController c = RunController.simulated(LiveRuns.sample("chain-blog-article.json"),
                SimulatedModel.Settings.DEFAULT, fx.executor);
        c.breakpoints().onNode("writer");
        EventRecorder rec = new EventRecorder();
        c.listen(rec);
        c.start(LiveRuns.inputFor("chain-blog-article.json"));

        BreakpointHit hit = c.awaitBreakpoint(Duration.ofSeconds(20));
        assertThat(hit.kind()).isEqualTo(BreakpointHit.Kind.NODE);
        assertThat(hit.nodeId()).isEqualTo("writer");
        Thread.sleep(100);
        assertThat(rec.of(RunEvent.AgentStarted.class)).extracting(RunEvent.AgentStarted::nodeId)
                .containsExactly("topic", "researcher");
        String edited = hit.text() + "\n\nUser note: keep it under 600 words.";
        assertThat(c.continueRun(edited)).isTrue();
        assertThat(c.finished().get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.AgentStarted writer = rec.of(RunEvent.AgentStarted.class).stream()
                .filter(e -> e.nodeId().equals("writer")).findFirst().orElseThrow();
        assertThat(writer.input()).isEqualTo(edited);
    }

    @Test
    void cancelEndsALongRunWithinOneSecond() throws Exception {
        SimulatedModel.Settings slow = SimulatedModel.Settings.DEFAULT.withLatency(Duration.ofMillis(1500), 20);
        RunController c = RunController.simulated(LiveRuns.sample("supervisor-market-entry-japan.json"), slow,
                fx.executor);
        EventRecorder rec = new EventRecorder();
        c.listen(rec);
        c.start(LiveRuns.inputFor("supervisor-market-entry-japan.json"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rec.of(RunEvent.ModelRequested.class).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(rec.of(RunEvent.ModelRequested.class)).isNotEmpty();

        long t0 = System.nanoTime();
        c.cancel();
        RunResult r = c.handle().result().get(1, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(ms).isLessThan(1000);
        c.finished().get(10, TimeUnit.SECONDS);
        LiveRuns.drained(c.bridge(), fx);
        assertThat(fx.call(() -> c.viewModel().phaseProperty().get())).isEqualTo(RunPhase.CANCELLED);
        // nothing keeps glowing after a cancel
        assertThat(fx.call(() -> c.viewModel().nodes().values().stream().map(NodeView::state).toList()))
                .doesNotContain(NodeRunState.RUNNING, NodeRunState.WAITING);
    }

    @Test
    void cancelWhileHeldAtABreakpointEndsTheRunWithinOneSecond() throws Exception {
        RunController c = RunController.simulated(LiveRuns.sample("swarm-customer-support.json"),
                SimulatedModel.Settings.DEFAULT, fx.executor);
        c.breakpoints().onHandoff("triage-to-billing");
        c.start(LiveRuns.SWARM_REFUND);
        assertThat(c.awaitBreakpoint(Duration.ofSeconds(20))).isNotNull();
        long t0 = System.nanoTime();
        c.cancel();
        RunResult r = c.handle().result().get(1, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void aHumanNodesQuestionIsPendingUntilAnsweredThroughTheViewModel() throws Exception {
        Flow flow = Flow.empty("ask", "Ask a person")
                .addNode(AgentNode.of("in", NodeKind.START, "Input"))
                .addNode(AgentNode.of("approver", NodeKind.HUMAN, "Approver")
                        .withInstructions("Approve this plan?"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Answer"))
                .addEdge(Edge.next("in-to-approver", "in", "approver"))
                .addEdge(Edge.next("approver-to-out", "approver", "out"));
        RunController c = RunController.simulated(flow, SimulatedModel.Settings.DEFAULT, fx.executor);
        c.start("a plan");
        HumanPrompt p = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (p == null && System.nanoTime() < deadline) {
            p = fx.call(() -> c.viewModel().pendingHumanProperty().get());
            Thread.sleep(5);
        }
        assertThat(p).isNotNull();
        assertThat(p.question()).isEqualTo("Approve this plan?");
        assertThat(p.context()).contains("a plan");
        assertThat(fx.call(() -> c.viewModel().node("approver").state())).isEqualTo(NodeRunState.WAITING);
        assertThat(fx.call(() -> c.viewModel().answerHuman("approved"))).isTrue();
        RunResult r = c.finished().get(10, TimeUnit.SECONDS);
        assertThat(r.output()).endsWith("approved");
        LiveRuns.drained(c.bridge(), fx);
        assertThat(fx.call(() -> c.viewModel().pendingHumanProperty().get())).isNull();
    }
}
