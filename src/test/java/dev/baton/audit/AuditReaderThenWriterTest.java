package dev.baton.audit;

import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader of this process (the designer's audit browser) has the database open read-only when a run's writer opens
 * it: H2 shares one instance per file and process, so the writer joined the read-only one and every batch failed
 * with "The database is read only" (seen when the browser's refresh closed just as a run started). The writer now
 * waits for such readers to close.
 */
class AuditReaderThenWriterTest {

    @TempDir
    Path dir;

    @Test
    void aRunStartedWhileABrowserReadsIsRecorded() throws Exception {
        Path db = dir.resolve("audit");
        Flow flow = AuditTestRuns.sample("chain-blog-article.json");
        FlowRunner runner = AuditTestRuns.simulatedRunner(3);
        try (AuditWriter writer = AuditWriter.open(db)) {
            AuditTestRuns.run(writer, runner, flow, "Heat pumps");
        }

        H2AuditStore reader = H2AuditStore.open(db); // read-only: no writer of this process is open now
        assertThat(reader.runs(new AuditStore.RunQuery(null, null, null, null), 0, 10).items()).hasSize(1);
        CompletableFuture<RunResult> second = CompletableFuture.supplyAsync(() -> {
            try (AuditListener audit = AuditListener.open(db, flow)) {
                RunResult r = runner.run(flow, RunRequest.of("Solar roofs").withoutHumanInput(), audit);
                assertThat(audit.awaitCommitted(Duration.ofSeconds(60))).isTrue();
                return r;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300); // the writer opens while the reader is still open
        reader.close();

        String runId = second.get(60, TimeUnit.SECONDS).runId();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.run(runId)).isPresent();
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo("SUCCEEDED");
            assertThat(store.verify().intact()).isTrue();
        }
    }
}
