package dev.baton.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunGate;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.run.RemoteRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Breakpoints on Temporal: a node's start or a handoff holds the workflow durably until a {@code resume} signal, the
 * stop is visible through the query, a resume may edit what is passed, and the events are the embedded engine's with
 * the same gate.
 */
class TemporalBreakpointsTest {

    static final String QUEUE = "breakpoints";
    static final String INPUT = TemporalChainTest.INPUT;

    @RegisterExtension
    static final TestTemporal temporal = TestTemporal.onQueue(QUEUE);

    /** A sample with a run deadline of a day, so that a stop may last hours. */
    static Flow sample(String file) throws Exception {
        Flow f = TemporalChainTest.sample(file);
        Limits l = f.limits();
        return f.withLimits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(), l.maxCriticRetries(), l.agentTimeout(),
                Duration.ofDays(1), l.tokenBudget()));
    }

    /** As {@link TemporalApprovalsTest#withoutTimeSkipping()}. */
    static TemporalRuns withoutTimeSkipping() {
        return new TemporalRuns(WorkflowClient.newInstance(temporal.env.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder().setNamespace(temporal.env.getNamespace()).build()), QUEUE);
    }

    /** The next stop of the run that is not in {@code known}. */
    static Wire.Pause awaitPause(String runId, Set<Long> known) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            for (Wire.Pause p : temporal.runs.paused(runId)) {
                if (!known.contains(p.id())) {
                    return p;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not stop at a breakpoint");
    }

    /** Edits the writer's input at its breakpoint, as a person would in the Run tab. */
    static String edited(String input) {
        return "Keep it under 300 words.\n" + input;
    }

    @Test
    void aNodeBreakpointHoldsTheRunUntilResumedWithEditedInputAsTheEmbeddedEngineDoes() throws Exception {
        Flow flow = sample("chain-blog-article.json");
        String runId = TemporalRuns.newRunId();
        temporal.runs.start(runId, flow, INPUT, true, false, new Wire.Breakpoints(List.of("writer"), List.of()));
        Wire.Pause pause = awaitPause(runId, Set.of());

        assertThat(pause.kind()).isEqualTo("NODE");
        assertThat(pause.nodeId()).isEqualTo("writer");
        assertThat(pause.attempt()).isEqualTo(1);
        assertThat(pause.text()).isNotBlank();
        TestTemporal.skipTime(temporal.env, Duration.ofHours(2));
        // still held after two hours, the writer not started
        assertThat(temporal.runs.paused(runId)).containsExactly(pause);
        assertThat(temporal.runs.events(runId, 0)).noneMatch(e -> e instanceof RunEvent.AgentStarted s
                && s.nodeId().equals("writer"));
        temporal.runs.resume(runId, pause.id(), edited(pause.text()));
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = temporal.runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("SUCCEEDED");
        assertThat(temporal.runs.paused(runId)).isEmpty();
        RunEvent.AgentStarted writer = events.stream().filter(e -> e instanceof RunEvent.AgentStarted s
                && s.nodeId().equals("writer")).map(RunEvent.AgentStarted.class::cast).findFirst().orElseThrow();
        assertThat(writer.input()).isEqualTo(edited(pause.text()));
        RunGate sameEdit = new RunGate() {
            @Override
            public String beforeNode(String id, AgentNode node, int attempt, String input) {
                return node.id().equals("writer") ? edited(input) : input;
            }
        };
        assertThat(EventStreams.comparable(events)).containsExactlyElementsOf(
                EventStreams.comparable(TemporalApprovalsTest.embedded(flow, INPUT, sameEdit)));
        TemporalDurabilityTest.assertAudited(temporal.audit, runId, events, "SUCCEEDED");
        // a worker that replays the history (a restart) stops and goes on with the edited input the same way
        WorkflowReplayer.replayWorkflowExecution(temporal.env.getWorkflowClient().fetchHistory(runId),
                BatonWorkflowImpl.class);
    }

    @Test
    void aHandoffBreakpointHoldsTheSwarmBeforeTheHandoff() throws Exception {
        Flow flow = sample("swarm-customer-support.json");
        String input = "I was charged twice for my March invoice, please refund the second payment.";
        List<RunEvent> local = TemporalApprovalsTest.embedded(flow, input, RunGate.OPEN);
        RunEvent.Handoff firstHandoff = local.stream().filter(RunEvent.Handoff.class::isInstance)
                .map(RunEvent.Handoff.class::cast).findFirst().orElseThrow();
        String runId = TemporalRuns.newRunId();
        temporal.runs.start(runId, flow, input, true, false, new Wire.Breakpoints(List.of(),
                List.of(firstHandoff.edgeId())));
        Wire.Pause pause = awaitPause(runId, Set.of());

        assertThat(pause.kind()).isEqualTo("HANDOFF");
        assertThat(pause.edgeId()).isEqualTo(firstHandoff.edgeId());
        assertThat(pause.from()).isEqualTo(firstHandoff.from());
        assertThat(pause.nodeId()).isEqualTo(firstHandoff.to());
        assertThat(pause.text()).isEqualTo(firstHandoff.context());
        assertThat(temporal.runs.events(runId, 0)).noneMatch(RunEvent.Handoff.class::isInstance);
        List<RunEvent> events = new ArrayList<>();
        Set<Long> known = new java.util.HashSet<>();
        // the same edge may be taken again: every stop on it is resumed unchanged
        Thread resumer = new Thread(() -> {
            Wire.Pause p = pause;
            try {
                while (true) {
                    known.add(p.id());
                    temporal.runs.resume(runId, p.id(), null);
                    p = awaitPause(runId, known);
                }
            } catch (AssertionError | InterruptedException | RuntimeException done) {
                // no further stop: the run ended
            }
        });
        resumer.setDaemon(true);
        resumer.start();
        Wire.RunOutcome outcome = temporal.runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("SUCCEEDED");
        assertThat(EventStreams.comparable(events)).containsExactlyElementsOf(EventStreams.comparable(local));
    }

    @Test
    void breakpointsChangedDuringTheRunApplyFromThen() throws Exception {
        String runId = TemporalRuns.newRunId();
        temporal.runs.start(runId, sample("chain-blog-article.json"), INPUT, true, false,
                new Wire.Breakpoints(List.of("researcher"), List.of()));
        Set<Long> known = new java.util.HashSet<>();
        Wire.Pause first = awaitPause(runId, known);
        assertThat(first.nodeId()).isEqualTo("researcher");
        known.add(first.id());
        // the designer moves the breakpoint from the researcher to the editor
        temporal.runs.breakpoints(runId, new Wire.Breakpoints(List.of("editor"), List.of()));
        temporal.runs.resume(runId, first.id(), null);
        Wire.Pause second = awaitPause(runId, known);

        assertThat(second.nodeId()).isEqualTo("editor");
        List<RunEvent> sofar = temporal.runs.events(runId, 0);
        assertThat(sofar).anyMatch(e -> e instanceof RunEvent.AgentFinished f && f.nodeId().equals("writer"));
        temporal.runs.breakpoints(runId, Wire.Breakpoints.NONE);
        temporal.runs.resume(runId, 0, null);
        assertThat(temporal.runs.follow(runId, e -> { }, Duration.ofMillis(50)).status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void cancelWhileHeldAtABreakpointEndsCancelled() throws Exception {
        String runId = TemporalRuns.newRunId();
        temporal.runs.start(runId, sample("chain-blog-article.json"), INPUT, true, false,
                new Wire.Breakpoints(List.of("editor"), List.of()));
        awaitPause(runId, Set.of());
        temporal.runs.cancel(runId);
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = temporal.runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("CANCELLED");
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunCancelled.class);
        assertThat(events).noneMatch(e -> e instanceof RunEvent.AgentStarted s && s.nodeId().equals("editor"));
        TemporalDurabilityTest.assertAudited(temporal.audit, runId, events, "CANCELLED");
    }

    /** The designer's shape: breakpoints given with the run, its gate asked at each stop, the answer sent back. */
    @Test
    void aFrontEndsGateIsAskedAtEachStopThroughTheFollowedRun() throws Exception {
        List<String> stops = Collections.synchronizedList(new ArrayList<>());
        RunGate gate = new RunGate() {
            @Override
            public String beforeNode(String runId, AgentNode node, int attempt, String input) {
                stops.add(node.id() + "#" + attempt);
                return node.id().equals("writer") ? edited(input) : input;
            }

            @Override
            public String beforeHandoff(String runId, Edge edge, String context) {
                stops.add(edge.id());
                return context;
            }
        };
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        FollowedRun run = new FollowedRun(withoutTimeSkipping(), TemporalRuns.newRunId(), sample("chain-blog-article.json"),
                RemoteRequest.of(INPUT, null).withGate(gate).withBreakpoints(Set.of("writer"), Set.of()),
                events::add).start();
        RunResult result = run.result().get(120, TimeUnit.SECONDS);

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(stops).containsExactly("writer#1");
        assertThat(events).anyMatch(e -> e instanceof RunEvent.AgentStarted s && s.nodeId().equals("writer")
                && s.input().startsWith("Keep it under 300 words."));
    }
}
