package dev.baton.ui.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.audit.AuditException;
import dev.baton.audit.AuditStore.RunSummary;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunResult;
import dev.baton.flow.NodeKind;
import dev.baton.ui.shell.AuditedRun;
import dev.baton.ui.run.RunPhase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit browser's view-model against a real audit database holding one simulated swarm run. */
class AuditBrowserModelTest {

    @TempDir
    static Path dir;
    static Path db;
    static RunResult run;

    // reads go to a recording executor so that the test sees they never run on the caller's thread
    private final List<String> readThreads = new CopyOnWriteArrayList<>();
    private final Executor background = r -> new Thread(() -> {
        readThreads.add(Thread.currentThread().getName());
        r.run();
    }, "test-reader").start();

    @BeforeAll
    static void record() throws Exception {
        db = dir.resolve("audit");
        run = AuditedRun.simulate("swarm-customer-support.json",
                "I was charged twice for my subscription this month and want a refund", db);
    }

    private AuditBrowserModel model() {
        return new AuditBrowserModel(() -> H2AuditStore.open(db), background, Runnable::run);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void listsTheRunThenItsEventsHandoffsAndDecisionsOffTheCallersThread() throws Exception {
        AuditBrowserModel m = model();
        await(m.refresh());
        assertThat(readThreads).containsOnly("test-reader");
        assertThat(m.runs()).extracting(RunSummary::runId).containsExactly(run.runId());
        assertThat(m.hasMore().get()).isFalse();
        assertThat(m.message().get()).isEmpty();

        await(m.select(m.runs().get(0)));
        assertThat(m.events()).isNotEmpty();
        assertThat(m.events().get(0).seq()).isLessThan(m.events().get(m.events().size() - 1).seq());
        assertThat(m.events()).extracting(AuditBrowserModel.EventRow::kind).contains("RunStarted", "Handoff", "RunFinished");
        assertThat(m.handoffs()).as("the refund request is handed from triage to billing").isNotEmpty();
        assertThat(m.handoffs().get(0).context()).isNotNull();
        assertThat(m.events()).allSatisfy(e -> assertThat(e.summary()).doesNotContain("\n"));
    }

    @Test
    void filtersGoToTheStore() throws Exception {
        AuditBrowserModel m = model();
        m.statusFilter().set("FAILED");
        await(m.refresh());
        assertThat(m.runs()).isEmpty();
        assertThat(m.message().get()).isEqualTo("No runs match.");

        m.statusFilter().set(null);
        m.flowFilter().set("no-such-flow");
        await(m.refresh());
        assertThat(m.runs()).isEmpty();

        m.flowFilter().set("");
        m.toDate().set(LocalDate.now().minusDays(2));
        await(m.refresh());
        assertThat(m.runs()).isEmpty();
        m.toDate().set(null);
        m.fromDate().set(LocalDate.now().minusDays(1));
        await(m.refresh());
        assertThat(m.runs()).hasSize(1);
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsOneLineOfMessage() throws Exception {
        AuditBrowserModel m = new AuditBrowserModel(() -> H2AuditStore.open(dir.resolve("missing/audit")),
                background, Runnable::run);
        await(m.refresh());
        assertThat(m.runs()).isEmpty();
        assertThat(m.message().get()).startsWith("Audit database: ").doesNotContain("\n").doesNotContain("at dev.");

        AuditBrowserModel failing = new AuditBrowserModel(() -> {
            throw new AuditException("locked\nstack line");
        }, background, Runnable::run);
        await(failing.refresh());
        assertThat(failing.message().get()).isEqualTo("Audit database: locked");
    }

    @Test
    void replayLoadsTheRecordedFlowAndReachesTheRunsEnd() throws Exception {
        AuditBrowserModel m = model();
        await(m.refresh());
        AuditBrowserModel.LoadedReplay loaded = await(m.replay(m.runs().get(0), Runnable::run));
        try (var replay = loaded.replay()) {
            assertThat(loaded.flow().nodesOfKind(NodeKind.START)).hasSize(1);
            assertThat(loaded.flow().id()).isEqualTo(m.runs().get(0).flowId());
            replay.speedProperty().set(0);
            replay.start();
            replay.finished().get(20, TimeUnit.SECONDS);
            assertThat(replay.viewModel().phaseProperty().get()).isEqualTo(RunPhase.SUCCEEDED);
            assertThat(replay.viewModel().finalOutputProperty().get()).isEqualTo(run.output());
        }
    }

    @Test
    void replayOfAnUnknownRunFailsWithAMessage() throws Exception {
        AuditBrowserModel m = model();
        await(m.refresh());
        RunSummary real = m.runs().get(0);
        RunSummary ghost = new RunSummary("run-ghost", real.flowId(), real.flowName(), "SUCCEEDED", null, null,
                real.startedAt(), real.endedAt(), true, List.of(), 0, 0, 0, 0, "", "", null);
        assertThatThrownBy(() -> await(m.replay(ghost, Runnable::run))).isInstanceOf(ExecutionException.class);
        assertThat(m.message().get()).contains("did not record its flow");
    }

    @Test
    void exportWritesTheRunAndEveryEventAsJson() throws Exception {
        AuditBrowserModel m = model();
        await(m.refresh());
        Path file = await(m.export(m.runs().get(0), dir.resolve("run.json")));
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        assertThat(root.path("format").asText()).isEqualTo("baton.audit-export/1");
        assertThat(root.path("run").path("runId").asText()).isEqualTo(run.runId());
        try (var store = H2AuditStore.open(db)) {
            assertThat(root.path("events").size()).isEqualTo(store.events(run.runId()).size());
        }
        assertThat(root.path("events").get(0).path("payload").isObject()).isTrue();
    }
}
