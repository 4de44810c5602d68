package dev.baton.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.audit.AuditStore;
import dev.baton.audit.H2AuditStore;
import dev.baton.cli.BatonCommand;
import dev.baton.engine.RunEvent;
import dev.baton.run.RemoteEngine;
import io.temporal.testserver.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton worker} and {@code baton run --engine temporal} against a Temporal test server listening on a loopback
 * port, as a real cluster's frontend would: the run prints what a local run prints, the worker records it.
 */
class TemporalCliTest {

    @TempDir
    Path dir;

    @Test
    void workerServesARunStartedFromTheCommandLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path db = dir.resolve("worker-audit");
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
        StringWriter workerErr = new StringWriter();
        AtomicInteger workerCode = new AtomicInteger(-1);
        Thread worker = new Thread(() -> workerCode.set(BatonCommand.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(workerErr, true)).execute("worker", "--temporal", "localhost:" + port,
                "--task-queue", "cli", "--audit", db.toString())), "test-worker");
        try {
            worker.start();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = BatonCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(
                    "run", "sample-flows/chain-blog-article.json", "--engine", "temporal",
                    "--temporal", "localhost:" + port, "--task-queue", "cli", "--no-input",
                    "--input", TemporalChainTest.INPUT);

            assertThat(code).as(err.toString()).isZero();
            List<RunEvent> local = TemporalChainTest.embedded(TemporalChainTest.sample("chain-blog-article.json"),
                    TemporalChainTest.INPUT);
            String expected = ((RunEvent.RunFinished) local.get(local.size() - 1)).output();
            assertThat(out.toString().strip()).isEqualTo(expected.strip());
            assertThat(err.toString()).contains("researcher").contains("audit: recorded by the worker");
        } finally {
            worker.interrupt();
            worker.join(60_000);
            server.close();
        }
        assertThat(workerCode.get()).as(workerErr.toString()).isZero();
        assertThat(workerErr.toString()).contains("worker: serving task queue 'cli'");
        try (AuditStore store = H2AuditStore.open(db)) {
            assertThat(store.runs(AuditStore.RunQuery.ALL, 0, 10).items()).hasSize(1);
            assertThat(store.runs(AuditStore.RunQuery.ALL, 0, 10).items().get(0).status()).isEqualTo("SUCCEEDED");
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @Test
    void withoutTemporalsLibrariesTheCommandSaysWhichJarToUse() {
        assertThatThrownBy(() -> RemoteEngine.temporal("localhost:7233", "baton", "io.temporal.NotInThisJar"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(RemoteEngine.NEEDS_TEMPORAL_JAR)
                .hasMessageContaining("baton-temporal.jar");
    }
}
