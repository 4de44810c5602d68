package dev.baton.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.audit.AuditStore;
import dev.baton.audit.AuditWriter;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunEvent;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import dev.baton.secret.Redactor;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit records a Temporal run as it goes: {@code audit list/show} show it RUNNING with its events so far, and
 * pieces of it sent again (a retried activity, a replayed workflow), after a gap, or by another writer (another
 * worker process) still leave each event stored once, in order, gap-free, on one intact chain.
 */
class TemporalAuditAsItGoesTest {

    @TempDir
    Path dir;

    @Test
    void aRunWaitingForAPersonShowsInTheAuditWithItsEventsSoFar() throws Exception {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
             AuditWriter audit = AuditWriter.open(dir.resolve("audit"))) {
            WorkerFactory worker = TemporalWorker.start(env.getWorkflowClient(), "waits",
                    new WorkerActivities(TemporalDurabilityTest.simulated(), audit, Redactor.shapesOnly()));
            env.start();
            try {
                TemporalRuns runs = new TemporalRuns(env.getWorkflowClient(), "waits");
                String runId = TemporalRuns.newRunId();
                runs.start(runId, TemporalDurabilityTest.askAPerson(TemporalDurabilityTest.SIMULATED),
                        "Refund order 4414?", true);
                List<RunEvent> sofar = TemporalDurabilityTest.awaitEvent(runs, runId,
                        RunEvent.HumanInputRequested.class);
                RunEvent.HumanInputRequested asked = (RunEvent.HumanInputRequested) sofar.get(sofar.size() - 1);

                // no model call comes to carry them: the recorder's own activity does, a moment later
                List<AuditStore.StoredEvent> stored = awaitStored(audit.database(), runId, asked.seq());
                assertThat(stored).extracting(AuditStore.StoredEvent::kind)
                        .containsExactlyElementsOf(sofar.stream().map(RunEvent::type).toList());
                try (AuditStore store = H2AuditStore.open(audit.database())) {
                    assertThat(store.run(runId).orElseThrow().status()).isEqualTo("RUNNING");
                    assertThat(store.runs(new AuditStore.RunQuery(null, "RUNNING", null, null), 0, 10).items())
                            .extracting(AuditStore.RunSummary::runId).containsExactly(runId);
                }

                runs.answer(runId, asked.requestId(), "Yes.");
                List<RunEvent> events = new ArrayList<>();
                Wire.RunOutcome outcome = runs.follow(runId, events::add, Duration.ofMillis(50));
                assertThat(outcome.status()).isEqualTo("SUCCEEDED");
                TemporalDurabilityTest.assertAudited(audit, runId, events, "SUCCEEDED");
            } finally {
                worker.shutdownNow();
            }
        }
    }

    @Test
    void piecesSentAgainAfterAGapOrByAnotherWriterAreStoredOnce() throws Exception {
        Flow flow = TemporalChainTest.sample("chain-blog-article.json");
        List<RunEvent> run = TemporalChainTest.embedded(flow, TemporalChainTest.INPUT);
        String runId = run.get(0).runId();
        String flowJson = FlowJson.write(flow);
        int n = run.size();
        int pending = firstAfter(run, 9, RunEvent.ModelRequested.class); // a piece that ends inside a model call
        ModelProvider sim = TemporalDurabilityTest.simulated();
        Path db = dir.resolve("pieces");

        try (AuditWriter first = AuditWriter.open(db)) {
            WorkerActivities worker = new WorkerActivities(sim, first, Redactor.shapesOnly());
            assertThat(worker.record(piece(run, 1, 5, flowJson))).isEqualTo(5);
            assertThat(worker.record(piece(run, 3, 8, null))).as("sent again: skipped").isEqualTo(8);
            assertThat(worker.record(piece(run, 12, 14, null))).as("after a gap: not written").isEqualTo(8);
            assertThat(worker.record(piece(run, 9, pending, null))).isEqualTo(pending);
        }
        try (AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.events(runId)).extracting(AuditStore.StoredEvent::seq)
                    .containsExactlyElementsOf(seqs(1, pending));
            assertThat(store.run(runId).orElseThrow().status()).as("its writer is gone").isEqualTo("INTERRUPTED");
            assertThat(store.verify().intact()).isTrue();
        }
        // another writer (another worker's process) takes the run over and is sent all of it
        try (AuditWriter second = AuditWriter.open(db)) {
            WorkerActivities worker = new WorkerActivities(sim, second, Redactor.shapesOnly());
            assertThat(worker.record(piece(run, 1, n, flowJson))).isEqualTo(n);
        }
        try (AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.events(runId)).extracting(AuditStore.StoredEvent::seq)
                    .containsExactlyElementsOf(seqs(1, n));
            assertThat(store.events(runId)).extracting(AuditStore.StoredEvent::kind)
                    .containsExactlyElementsOf(run.stream().map(RunEvent::type).toList());
            AuditStore.RunSummary summary = store.run(runId).orElseThrow();
            assertThat(summary.status()).isEqualTo("SUCCEEDED");
            RunEvent.RunFinished end = (RunEvent.RunFinished) run.get(n - 1);
            assertThat(summary.modelCalls()).isEqualTo(end.totals().modelCalls());
            assertThat(store.modelCalls(runId)).hasSize((int) run.stream()
                    .filter(RunEvent.ModelResponded.class::isInstance).count());
            assertThat(store.runs(AuditStore.RunQuery.ALL, 0, 10).items()).hasSize(1);
            assertThat(store.verify().intact()).as(String.valueOf(store.verify())).isTrue();
        }
    }

    static Wire.Recording piece(List<RunEvent> run, int from, int to, String flowJson) {
        List<String> wire = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            wire.add(WireEvents.encode(run.get(seq - 1)));
        }
        return new Wire.Recording(run.get(0).runId(), flowJson, wire);
    }

    static List<Long> seqs(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(s);
        }
        return out;
    }

    static int firstAfter(List<RunEvent> run, int seq, Class<? extends RunEvent> type) {
        for (RunEvent e : run) {
            if (e.seq() > seq && type.isInstance(e)) {
                return (int) e.seq();
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " after #" + seq);
    }

    static List<AuditStore.StoredEvent> awaitStored(Path db, String runId, long seq) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (AuditStore store = H2AuditStore.open(db)) {
                List<AuditStore.StoredEvent> stored = store.events(runId);
                if (!stored.isEmpty() && stored.get(stored.size() - 1).seq() >= seq) {
                    return stored;
                }
            }
            assertThat(System.nanoTime()).as("run " + runId + " recorded through #" + seq).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
