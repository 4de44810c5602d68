package dev.baton.audit;

import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer keeps a run's commit future only while somebody may wait for it: a designer's writer lives for hours
 * and records thousands of runs, so one future per run kept for the writer's life is a leak (issue 12).
 */
class AuditWriterWaitersTest {

    private static final int RUNS = 40;

    @TempDir
    Path dir;

    @Test
    void noCommitFutureIsKeptForRunsAlreadyCommitted() throws Exception {
        Flow flow = AuditTestRuns.sample("chain-blog-article.json");
        FlowRunner runner = AuditTestRuns.simulatedRunner(3);
        try (AuditWriter writer = AuditWriter.open(dir.resolve("audit"))) {
            for (int i = 0; i < RUNS; i++) {
                AuditTestRuns.run(writer, runner, flow, "Topic " + i);
            }
            assertThat(waiters(writer)).as("commit futures left after %d committed runs", RUNS).isEmpty();
        }
    }

    @Test
    void waitersBeforeAndAfterTheCommitAreAnsweredAndThenForgotten() throws Exception {
        Flow flow = AuditTestRuns.sample("chain-blog-article.json");
        FlowRunner runner = AuditTestRuns.simulatedRunner(4);
        try (AuditWriter writer = AuditWriter.open(dir.resolve("audit"))) {
            AuditListener audit = writer.listenerFor(flow);
            RunHandle h = runner.start(flow, RunRequest.of("Heat pumps").withoutHumanInput(), audit);
            CompletableFuture<Void> early = writer.committed(h.runId()); // asked while the run goes
            h.result().get(30, TimeUnit.SECONDS);
            early.get(30, TimeUnit.SECONDS);
            assertThat(writer.committed(h.runId())).isCompleted(); // asked after the commit
            assertThat(writer.awaitCommitted(h.runId(), Duration.ZERO)).isTrue();
            assertThat(waiters(writer)).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> waiters(AuditWriter writer) throws ReflectiveOperationException {
        Field w = AuditWriter.class.getDeclaredField("waiters");
        w.setAccessible(true);
        Field f = CommitWaiters.class.getDeclaredField("finished");
        f.setAccessible(true);
        return (Map<String, ?>) f.get(w.get(writer));
    }
}
