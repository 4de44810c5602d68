package dev.baton.temporal;

import static dev.baton.testing.ScriptedOpenAiServer.any;
import static dev.baton.testing.ScriptedReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.audit.AuditStore;
import dev.baton.audit.AuditWriter;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunEvent;
import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.io.FlowJson;
import dev.baton.secret.Redactor;
import dev.baton.testing.ScriptedOpenAiServer;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes Temporal worth it: a person who answers a day later (time skipped); a cancelled run; keys that never
 * reach the workflow history ({@link TemporalCrashTest}: a worker that dies mid-run). One in-process test server for
 * the class; each test has its own task queue and workers.
 */
class TemporalDurabilityTest {

    static final String SIMULATED = "{\"provider\":\"simulated\",\"name\":\"sim-1\"}";

    @TempDir
    static Path dir;
    static TestWorkflowEnvironment env;
    static AuditWriter audit;
    static final List<WorkerFactory> factories = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        env = TestWorkflowEnvironment.newInstance();
        env.start();
        audit = AuditWriter.open(dir.resolve("audit"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        for (WorkerFactory f : factories) {
            f.shutdownNow();
        }
        env.close();
        audit.close();
    }

    static WorkerFactory worker(String queue, ModelProvider models) {
        WorkerFactory f = TemporalWorker.start(env.getWorkflowClient(), queue,
                new WorkerActivities(models, audit, Redactor.shapesOnly()));
        factories.add(f);
        return f;
    }

    static ModelProvider simulated() {
        return ModelProviders.routing(SimulatedModel.Settings.DEFAULT);
    }

    /** START → a person → a writer → OUTPUT, on {@code model}, with a run deadline of three days. */
    static Flow askAPerson(String model) throws Exception {
        String json = """
                {"format": "baton.flow/1", "id": "ask-a-person", "name": "Ask a person",
                 "defaultModel": %s,
                 "limits": {"maxTurnsPerAgent": 4, "maxHandoffs": 5, "maxCriticRetries": 1,
                            "agentTimeoutSeconds": 120, "runDeadlineSeconds": 259200},
                 "nodes": [
                  {"id": "request", "kind": "START", "name": "Request", "position": {"x": 0, "y": 0}},
                  {"id": "approver", "kind": "HUMAN", "name": "Approver", "instructions": "Approve the refund?",
                   "position": {"x": 200, "y": 0}},
                  {"id": "writer", "kind": "AGENT", "name": "Writer", "role": "Writes the reply to the customer",
                   "position": {"x": 400, "y": 0}},
                  {"id": "reply", "kind": "OUTPUT", "name": "Reply", "position": {"x": 600, "y": 0}}],
                 "edges": [
                  {"id": "e1", "kind": "NEXT", "from": "request", "to": "approver"},
                  {"id": "e2", "kind": "NEXT", "from": "approver", "to": "writer", "context": {"mode": "FULL"}},
                  {"id": "e3", "kind": "NEXT", "from": "writer", "to": "reply"}]}
                """.formatted(model);
        return FlowJson.read(json).flow();
    }

    static List<RunEvent> awaitEvent(TemporalRuns runs, String runId, Class<? extends RunEvent> type)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            List<RunEvent> events = runs.events(runId, 0);
            if (events.stream().anyMatch(type::isInstance)) {
                return events;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type.getSimpleName() + " in run " + runId);
    }

    static void assertAudited(String runId, List<RunEvent> events, String status) throws Exception {
        assertAudited(audit, runId, events, status);
    }

    static void assertAudited(AuditWriter audit, String runId, List<RunEvent> events, String status)
            throws Exception {
        try (AuditStore store = H2AuditStore.open(audit.database())) {
            List<AuditStore.StoredEvent> stored = store.events(runId);
            assertThat(stored).extracting(AuditStore.StoredEvent::seq)
                    .containsExactlyElementsOf(events.stream().map(RunEvent::seq).toList());
            assertThat(stored).extracting(AuditStore.StoredEvent::kind)
                    .containsExactlyElementsOf(events.stream().map(RunEvent::type).toList());
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo(status);
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @Test
    void aPersonAnswersBySignalADayLater() throws Exception {
        String queue = "human";
        worker(queue, simulated());
        TemporalRuns runs = new TemporalRuns(env.getWorkflowClient(), queue);
        String runId = TemporalRuns.newRunId();
        runs.start(runId, askAPerson(SIMULATED), "Refund order 4411?", true);
        List<RunEvent> sofar = awaitEvent(runs, runId, RunEvent.HumanInputRequested.class);
        RunEvent.HumanInputRequested asked = sofar.stream().filter(RunEvent.HumanInputRequested.class::isInstance)
                .map(RunEvent.HumanInputRequested.class::cast).findFirst().orElseThrow();
        assertThat(asked.question()).isEqualTo("Approve the refund?");

        TestTemporal.skipTime(env, Duration.ofDays(1));
        runs.answer(runId, asked.requestId(), "Yes, refund it in full.");
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("SUCCEEDED");
        RunEvent.HumanInputReceived got = events.stream().filter(RunEvent.HumanInputReceived.class::isInstance)
                .map(RunEvent.HumanInputReceived.class::cast).findFirst().orElseThrow();
        assertThat(got.answer()).isEqualTo("Yes, refund it in full.");
        assertThat(Duration.between(asked.time(), got.time())).isGreaterThanOrEqualTo(Duration.ofDays(1));
        assertAudited(runId, events, "SUCCEEDED");
    }

    @Test
    void aCancelledRunEndsCancelled() throws Exception {
        String queue = "cancel";
        worker(queue, simulated());
        TemporalRuns runs = new TemporalRuns(env.getWorkflowClient(), queue);
        String runId = TemporalRuns.newRunId();
        runs.start(runId, askAPerson(SIMULATED), "Refund order 4412?", true);
        awaitEvent(runs, runId, RunEvent.HumanInputRequested.class);
        runs.cancel(runId);
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).isEqualTo("CANCELLED");
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunCancelled.class);
        assertThat(((RunEvent.RunCancelled) events.get(events.size() - 1)).reason()).isEqualTo("cancelled by the user");
        assertAudited(runId, events, "CANCELLED");
    }

    @Test
    void aKeyStaysOnTheWorkerAndNeverEntersTheHistory() throws Exception {
        String key = "sk-planted-" + "Zq8wV3nR5tY7uI9oP1aS2dF4";
        try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
            server.when(any()).always(text("Refund approved and sent."));
            String queue = "keys";
            ModelProvider real = new ChatModelFactory(new Credentials(Map.of("OPENAI_COMPATIBLE_API_KEY", key)::get,
                    dir.resolve("home")), Duration.ofSeconds(10));
            worker(queue, real);
            TemporalRuns runs = new TemporalRuns(env.getWorkflowClient(), queue);
            String runId = TemporalRuns.newRunId();
            String model = "{\"provider\":\"openai-compatible\",\"name\":\"scripted-model\",\"baseUrl\":\""
                    + server.baseUrl() + "\"}";
            runs.start(runId, askAPerson(model), "Refund order 4413?", true);
            List<RunEvent> sofar = awaitEvent(runs, runId, RunEvent.HumanInputRequested.class);
            String requestId = sofar.stream().filter(RunEvent.HumanInputRequested.class::isInstance)
                    .map(e -> ((RunEvent.HumanInputRequested) e).requestId()).findFirst().orElseThrow();
            runs.answer(runId, requestId, "yes");
            Wire.RunOutcome outcome = runs.follow(runId, e -> { }, Duration.ofMillis(50));

            assertThat(outcome.status()).isEqualTo("SUCCEEDED");
            assertThat(server.chatRequests()).isNotEmpty();
            assertThat(server.chatRequests().get(0).header("Authorization")).contains(key); // the worker did use the key
            // the protobuf text form shows every payload's JSON as it is (the JSON form has them in base64)
            String history = env.getWorkflowExecutionHistory(WorkflowExecution.newBuilder().setWorkflowId(runId)
                    .build()).getHistory().toString();
            assertThat(history).contains("scripted-model").contains("Refund order 4413?")
                    .doesNotContain(key).doesNotContain("Zq8wV3nR5tY7");
        }
    }
}
