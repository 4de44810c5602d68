package dev.baton.audit;

import dev.baton.engine.EventRecorder;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Twenty runs at once through one writer: each leaves its complete, gap-free, intact sequence. */
class AuditConcurrencyTest {

    private static final int RUNS = 20;

    @TempDir
    Path dir;

    @Test
    void twentyConcurrentRunsWriteCompleteGapFreeSequences() throws Exception {
        List<Flow> flows = List.of(AuditTestRuns.sample("chain-blog-article.json"),
                AuditTestRuns.sample("swarm-customer-support.json"),
                AuditTestRuns.sample("supervisor-market-entry-japan.json"),
                AuditTestRuns.sample("parallel-contract-review.json"));
        Path db = dir.resolve("audit");
        FlowRunner runner = AuditTestRuns.simulatedRunner(11);
        List<RunHandle> handles = new ArrayList<>();
        List<EventRecorder> recorders = new ArrayList<>();
        List<AuditListener> listeners = new ArrayList<>();
        try (AuditWriter writer = AuditWriter.open(db)) {
            for (int i = 0; i < RUNS; i++) {
                Flow flow = flows.get(i % flows.size());
                EventRecorder rec = new EventRecorder();
                AuditListener audit = writer.listenerFor(flow);
                handles.add(runner.start(flow, RunRequest.of("Request number " + i + ": I was charged twice")
                        .withoutHumanInput(), audit, rec));
                recorders.add(rec);
                listeners.add(audit);
            }
            for (int i = 0; i < RUNS; i++) {
                RunResult r = handles.get(i).result().get(60, TimeUnit.SECONDS);
                assertThat(r.runId()).isEqualTo(handles.get(i).runId());
                assertThat(listeners.get(i).awaitCommitted(Duration.ofSeconds(60))).isTrue();
                assertThat(handles.get(i).awaitEventsDelivered(Duration.ofSeconds(10))).isTrue();
            }
        }
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.runs(AuditStore.RunQuery.ALL, 0, 100).items()).hasSize(RUNS);
            for (int i = 0; i < RUNS; i++) {
                List<AuditStore.StoredEvent> events = store.events(handles.get(i).runId());
                assertThat(events).hasSize(recorders.get(i).events.size());
                for (int s = 0; s < events.size(); s++) {
                    assertThat(events.get(s).seq()).isEqualTo(s + 1);
                    assertThat(events.get(s).kind()).isEqualTo(recorders.get(i).events.get(s).type());
                }
                assertThat(store.run(handles.get(i).runId()).orElseThrow().status()).isNotEqualTo("RUNNING");
            }
            AuditStore.VerifyReport report = store.verify();
            assertThat(report.intact()).isTrue();
            assertThat(report.runs()).isEqualTo(RUNS);
        }
    }

    @Test
    void theUiCanBrowseWhileTheWriterIsOpenInTheSameProcess() throws Exception {
        Path db = dir.resolve("audit");
        Flow flow = AuditTestRuns.sample("chain-blog-article.json");
        try (AuditWriter writer = AuditWriter.open(db)) {
            AuditTestRuns.Done done = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(5), flow, "Heat pumps");
            try (H2AuditStore store = H2AuditStore.open(db)) {
                assertThat(store.run(done.result().runId())).isPresent();
                assertThat(store.events(done.result().runId())).hasSize(done.recorder().events.size());
            }
            AuditTestRuns.Done second = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(6), flow, "Solar");
            assertThat(second.result().runId()).isNotEqualTo(done.result().runId());
        }
    }

    /**
     * The writer closes the database between batches (other processes take turns); a browser of the same process that
     * opened it meanwhile must not leave it read-only for the writer's next batch.
     */
    @Test
    void theWriterReopensWhileABrowserOfTheSameProcessHoldsTheDatabase() throws Exception {
        Path db = dir.resolve("audit");
        Flow flow = AuditTestRuns.sample("chain-blog-article.json");
        try (AuditWriter writer = AuditWriter.open(db)) {
            AuditTestRuns.Done first = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(5), flow, "Heat pumps");
            Thread.sleep(AuditWriter.RELEASE_IDLE.toMillis() * 3); // the idle writer has closed the database
            try (H2AuditStore store = H2AuditStore.open(db)) {
                assertThat(store.run(first.result().runId())).isPresent();
                AuditTestRuns.Done second = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(6), flow, "Solar");
                assertThat(writer.failure()).isNull();
                assertThat(store.events(second.result().runId())).hasSize(second.recorder().events.size());
            }
        }
    }
}
