package dev.baton.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunGate;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.ToolApproval;
import dev.baton.engine.ToolApprovalRequest;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.ToolSettings;
import dev.baton.run.RemoteRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tool calls whose policy is {@code ask} on Temporal: the call waits durably in the workflow for a person's answer
 * (a signal), with the embedded engine's ToolApprovalRequested / ToolApprovalAnswered events; approve (an hour later,
 * time skipped), deny, approve with edited arguments (checked against the tool's schema again), cancel while waiting.
 */
class TemporalApprovalsTest {

    static final String QUEUE = "approvals";
    /** The simulated researcher computes this with the calculator: 2 * 149 + 19 = 317. */
    static final String INPUT = "Heat pumps for homeowners: is 2 * 149 + 19 EUR a month a fair price?";

    @RegisterExtension
    static final TestTemporal temporal = TestTemporal.onQueue(QUEUE);

    /**
     * Runs followed by a client that does not skip time while it waits for a result: the test environment's own
     * client would skip to the run's timeout while a gate on this side is still answering.
     */
    static TemporalRuns withoutTimeSkipping() {
        return new TemporalRuns(WorkflowClient.newInstance(temporal.env.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder().setNamespace(temporal.env.getNamespace()).build()), QUEUE);
    }

    /** The chain sample whose researcher has the calculator, which asks; a run deadline of a day. */
    static Flow calculatorAsks() throws Exception {
        Flow sample = TemporalChainTest.sample("chain-blog-article.json");
        Limits l = sample.limits();
        return sample.withNodes(sample.nodes().stream()
                        .map(n -> n.id().equals("researcher") ? n.withTools(List.of("calculator")) : n).toList())
                .withTools(new ToolSettings(null, List.of(), List.of(), null,
                        Map.of("calculator", ApprovalPolicy.ASK)))
                .withLimits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(), l.maxCriticRetries(), l.agentTimeout(),
                        Duration.ofDays(1), l.tokenBudget()));
    }

    /** The embedded engine's events for {@code flow} with {@code gate} answering. */
    static List<RunEvent> embedded(Flow flow, String input, RunGate gate) throws Exception {
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        FlowRunner runner = FlowRunner.create(ModelProviders.routing(SimulatedModel.Settings.DEFAULT),
                RunnerOptions.DEFAULT.withTokenChunkWindow(Duration.ofDays(365)));
        RunListener.Inline keep = events::add;
        RunResult result = runner.run(flow, new RunRequest(input, null, true, gate), keep);
        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        return List.copyOf(events);
    }

    /** Comparable lines (no times) with the run id, which request ids contain, replaced. */
    static List<String> comparable(List<RunEvent> events) {
        String runId = events.get(0).runId();
        return EventStreams.comparable(events).stream().map(l -> l.replace(runId, "RUN")).toList();
    }

    static RunGate answering(ToolApproval approval) {
        return new RunGate() {
            @Override
            public ToolApproval beforeToolCall(String runId, AgentNode node, ToolApprovalRequest request) {
                return approval;
            }
        };
    }

    static <T extends RunEvent> T first(List<RunEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow(() ->
                new AssertionError("no " + type.getSimpleName() + " in " + events));
    }

    /** Starts a run whose approvals a person answers; returns its id once it waits for the first one. */
    static RunEvent.ToolApprovalRequested startAndAwaitApproval(Flow flow, String runId) throws Exception {
        temporal.runs.start(runId, flow, INPUT, true, true, Wire.Breakpoints.NONE);
        List<RunEvent> sofar = TemporalDurabilityTest.awaitEvent(temporal.runs, runId, RunEvent.ToolApprovalRequested.class);
        return first(sofar, RunEvent.ToolApprovalRequested.class);
    }

    /** Approved an hour later: the call runs then, and the events are the embedded engine's with the same answer. */
    @Test
    void anApprovalAnsweredAnHourLaterRunsTheCallWithTheEmbeddedEnginesEvents() throws Exception {
        Flow flow = calculatorAsks();
        String runId = TemporalRuns.newRunId();
        RunEvent.ToolApprovalRequested asked = startAndAwaitApproval(flow, runId);
        assertThat(asked.tool()).isEqualTo("calculator");
        assertThat(asked.nodeId()).isEqualTo("researcher");
        // the run really waits: nothing of the call happened yet
        assertThat(temporal.runs.events(runId, 0)).noneMatch(RunEvent.ToolCallFinished.class::isInstance);

        TestTemporal.skipTime(temporal.env, Duration.ofHours(1));
        assertThat(temporal.runs.events(runId, 0)).noneMatch(RunEvent.ToolCallFinished.class::isInstance);
        temporal.runs.approveTool(runId, asked.requestId(), ToolApproval.approve("designer"));
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = temporal.runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("SUCCEEDED");
        RunEvent.ToolApprovalAnswered answered = first(events, RunEvent.ToolApprovalAnswered.class);
        assertThat(answered.decision()).isEqualTo("approve");
        assertThat(answered.by()).isEqualTo("designer");
        assertThat(Duration.between(asked.time(), answered.time())).isGreaterThanOrEqualTo(Duration.ofHours(1));
        RunEvent.ToolCallFinished call = first(events, RunEvent.ToolCallFinished.class);
        assertThat(call.error()).isFalse();
        assertThat(call.content()).contains("317");
        assertThat(comparable(events)).containsExactlyElementsOf(
                comparable(embedded(flow, INPUT, answering(ToolApproval.approve("designer")))));
        TemporalDurabilityTest.assertAudited(temporal.audit, runId, events, "SUCCEEDED");
        // a worker that replays the history (a restart) waits and passes the approval the same way
        WorkflowReplayer.replayWorkflowExecution(temporal.env.getWorkflowClient().fetchHistory(runId),
                BatonWorkflowImpl.class);
    }

    @Test
    void aDenialGoesBackToTheModelAsTheToolsResult() throws Exception {
        Flow flow = calculatorAsks();
        String runId = TemporalRuns.newRunId();
        RunEvent.ToolApprovalRequested asked = startAndAwaitApproval(flow, runId);
        temporal.runs.approveTool(runId, asked.requestId(), ToolApproval.deny("cli", "not on a Sunday"));
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = temporal.runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("SUCCEEDED");
        RunEvent.ToolCallFinished call = first(events, RunEvent.ToolCallFinished.class);
        assertThat(call.error()).isTrue();
        assertThat(call.content()).contains("denied by cli: not on a Sunday").doesNotContain("317");
        assertThat(comparable(events)).containsExactlyElementsOf(
                comparable(embedded(flow, INPUT, answering(ToolApproval.deny("cli", "not on a Sunday")))));
    }

    @Test
    void editedArgumentsAreCheckedAgainstTheToolsSchemaAgainAndRunWhenValid() throws Exception {
        Flow flow = calculatorAsks();
        String good = TemporalRuns.newRunId();
        RunEvent.ToolApprovalRequested asked = startAndAwaitApproval(flow, good);
        temporal.runs.approveTool(good, asked.requestId(), ToolApproval.approveEdited("designer",
                "{\"expression\": \"2 * 150 + 19\"}"));
        List<RunEvent> events = new ArrayList<>();
        assertThat(temporal.runs.follow(good, events::add, Duration.ofMillis(50)).status()).isEqualTo("SUCCEEDED");
        assertThat(first(events, RunEvent.ToolApprovalAnswered.class).editedArguments()).contains("2 * 150 + 19");
        assertThat(first(events, RunEvent.ToolCallFinished.class).content()).contains("319");

        String bad = TemporalRuns.newRunId();
        asked = startAndAwaitApproval(flow, bad);
        temporal.runs.approveTool(bad, asked.requestId(), ToolApproval.approveEdited("designer", "{\"formula\": 42}"));
        List<RunEvent> refused = new ArrayList<>();
        assertThat(temporal.runs.follow(bad, refused::add, Duration.ofMillis(50)).status()).isEqualTo("SUCCEEDED");
        RunEvent.ToolCallFinished call = first(refused, RunEvent.ToolCallFinished.class);
        assertThat(call.error()).isTrue();
        assertThat(call.content()).containsIgnoringCase("argument");
        // the embedded engine refuses the same edit with the same words
        List<RunEvent> local = embedded(flow, INPUT, answering(ToolApproval.approveEdited("designer",
                "{\"formula\": 42}")));
        assertThat(first(local, RunEvent.ToolCallFinished.class).content()).isEqualTo(call.content());
    }

    @Test
    void cancelWhileWaitingForAnApprovalEndsCancelledAndRecorded() throws Exception {
        Flow flow = calculatorAsks();
        String runId = TemporalRuns.newRunId();
        startAndAwaitApproval(flow, runId);
        TestTemporal.skipTime(temporal.env, Duration.ofMinutes(30));
        temporal.runs.cancel(runId);
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = temporal.runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("CANCELLED");
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunCancelled.class);
        assertThat(events).noneMatch(RunEvent.ToolCallFinished.class::isInstance);
        TemporalDurabilityTest.assertAudited(temporal.audit, runId, events, "CANCELLED");
    }

    /** Started without a way to answer (the old entry point): an ask is denied at once, saying why; no wait. */
    @Test
    void withNobodyToAnswerAnAskIsDeniedAtOnceWithTheReason() throws Exception {
        String runId = TemporalRuns.newRunId();
        temporal.runs.start(runId, calculatorAsks(), INPUT, true);
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = temporal.runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("SUCCEEDED");
        RunEvent.ToolApprovalAnswered answered = first(events, RunEvent.ToolApprovalAnswered.class);
        assertThat(answered.decision()).isEqualTo("deny");
        assertThat(answered.by()).isEqualTo("policy");
        assertThat(answered.reason()).contains("nobody answers approvals");
        assertThat(first(events, RunEvent.ToolCallFinished.class).error()).isTrue();
    }

    /** A front end's gate (here the designer's shape: approve for the run) answers through the followed run. */
    @Test
    void aFrontEndsGateAnswersThroughTheFollowedRun() throws Exception {
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        List<ToolApprovalRequest> seen = Collections.synchronizedList(new ArrayList<>());
        RunGate gate = new RunGate() {
            @Override
            public ToolApproval beforeToolCall(String runId, AgentNode node, ToolApprovalRequest request) {
                seen.add(request);
                return ToolApproval.approveForRun("designer");
            }
        };
        FollowedRun run = new FollowedRun(withoutTimeSkipping(), TemporalRuns.newRunId(), calculatorAsks(),
                RemoteRequest.of(INPUT, null).withGate(gate), events::add).start();
        RunResult result = run.result().get(120, TimeUnit.SECONDS);

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(seen).extracting(ToolApprovalRequest::tool).first().isEqualTo("calculator");
        assertThat(seen.get(0).argumentsJson()).contains("149");
        assertThat(first(events, RunEvent.ToolApprovalAnswered.class).decision()).isEqualTo("approve_for_run");
        assertThat(first(events, RunEvent.ToolCallFinished.class).content()).contains("317");
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
        assertThat(run.listenerFailures()).isEmpty();
        assertThat(Set.of(result.runId())).containsExactly(events.get(0).runId());
    }
}
