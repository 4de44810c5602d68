package dev.baton.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Main;
import dev.baton.audit.AuditStore;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunEvent;
import dev.baton.flow.Flow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed mid-run: {@code baton worker} child processes on a Temporal test server that listens on a loopback
 * port, the first killed with SIGKILL while it holds a model call, a second started; the run ends as an undisturbed
 * one does, and the audit (which both workers record into, as the run goes) holds each event once, in order,
 * gap-free, and verifies intact. Workers run with sticky queues off: the test server never moves a dead worker's
 * sticky workflow task to another worker (a real server does after 5 s), see {@link TemporalWorker#STICKY_SECONDS}.
 */
@Tag("slow")
class TemporalCrashTest {

    static final String QUEUE = "crash";
    /** Each simulated model call takes this long: the kill lands inside one. */
    static final long CALL_MS = 4000;

    @TempDir
    Path dir;
    final List<Process> workers = new ArrayList<>();
    TestServer.PortBoundTestServer server;
    WorkflowServiceStubs service;

    @AfterEach
    void stop() {
        for (Process p : workers) {
            p.destroyForcibly();
        }
        if (service != null) {
            service.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aWorkerKilledMidRunIsTakenOverAndTheAuditStaysExact() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = TestServer.createPortBoundServer(port);
        Path db = dir.resolve("audit");
        Process first = worker(port, db, "first");
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port).build());
        WorkflowClient client = WorkflowClient.newInstance(service);
        TemporalRuns runs = new TemporalRuns(client, QUEUE);
        Flow flow = TemporalChainTest.sample("chain-blog-article.json");
        String runId = TemporalRuns.newRunId();
        runs.start(runId, flow, TemporalChainTest.INPUT, false);

        // the third model call is under way: the two before it are in the audit already, the run RUNNING there
        List<RunEvent> sofar = await(runs, runId, e -> count(e, RunEvent.ModelRequested.class) == 3);
        int carried = sofar.size() - 1; // everything before the third call's request
        AuditStore.RunSummary live = awaitAudit(db, runId, carried);
        assertThat(live.status()).isEqualTo("RUNNING");
        assertThat(count(runs.events(runId, 0), RunEvent.ModelResponded.class))
                .as("the kill lands inside the third call").isEqualTo(2);

        first.destroyForcibly(); // SIGKILL: no shutdown hook, nothing closed, the call in its hands lost
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        try (AuditStore store = H2AuditStore.open(db)) {
            // issue 12's rule: read commands show a run whose writer is gone as INTERRUPTED
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo("INTERRUPTED");
        }

        worker(port, db, "second");
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return runs.follow(runId, events::add, Duration.ofMillis(100));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(180, TimeUnit.SECONDS);

        List<RunEvent> undisturbed = TemporalChainTest.embedded(flow, TemporalChainTest.INPUT);
        assertThat(outcome.status()).isEqualTo("SUCCEEDED");
        assertThat(outcome.output()).isEqualTo(((RunEvent.RunFinished) undisturbed.get(undisturbed.size() - 1))
                .output());
        assertThat(EventStreams.comparable(events)).containsExactlyElementsOf(EventStreams.comparable(undisturbed));
        assertAudited(db, runId, events);
        // the call the killed worker held was made again by the second one
        List<HistoryEvent> history = client.fetchHistory(runId).getEvents();
        assertThat(history).anyMatch(h -> h.hasActivityTaskStartedEventAttributes()
                && h.getActivityTaskStartedEventAttributes().getAttempt() > 1);
        assertThat(history.stream().filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
                .map(h -> h.getActivityTaskStartedEventAttributes().getIdentity()).distinct().count())
                .as("activities were run by both workers").isEqualTo(2);
    }

    /** A {@code baton worker} child process recording into {@code db}; returns once it serves. */
    Process worker(int port, Path db, String name) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-Dbaton.home=" + dir.resolve("home"),
                "-D" + TemporalWorker.STICKY_SECONDS + "=0",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "worker", "--temporal", "127.0.0.1:" + port, "--task-queue", QUEUE, "--audit", db.toString(),
                "--sim-latency", String.valueOf(CALL_MS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        workers.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("worker: serving")) {
                return p;
            }
            assertThat(p.isAlive()).as(Files.exists(log) ? Files.readString(log) : "no output").isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("worker " + name + " did not start: " + Files.readString(log));
    }

    static List<RunEvent> await(TemporalRuns runs, String runId, Predicate<List<RunEvent>> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<RunEvent> events = runs.events(runId, 0);
            if (until.test(events)) {
                return events;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not get there");
    }

    /** Waits until the audit database holds at least {@code events} events of the run; its summary then. */
    static AuditStore.RunSummary awaitAudit(Path db, String runId, int events) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (Files.exists(db.resolveSibling(db.getFileName() + ".mv.db"))) {
                try (AuditStore store = H2AuditStore.open(db)) {
                    Optional<AuditStore.RunSummary> run = store.run(runId);
                    if (run.isPresent() && store.events(runId).size() >= events) {
                        List<AuditStore.StoredEvent> stored = store.events(runId);
                        for (int i = 0; i < stored.size(); i++) {
                            assertThat(stored.get(i).seq()).isEqualTo(i + 1);
                        }
                        return run.get();
                    }
                }
            }
            assertThat(System.nanoTime()).as("the audit shows the run as it goes").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The audit holds exactly these events of the run (each once, in order), the run SUCCEEDED, verify intact. */
    static void assertAudited(Path db, String runId, List<RunEvent> events) throws Exception {
        try (AuditStore store = H2AuditStore.open(db)) {
            List<AuditStore.StoredEvent> stored = store.events(runId);
            assertThat(stored).extracting(AuditStore.StoredEvent::seq)
                    .containsExactlyElementsOf(events.stream().map(RunEvent::seq).toList());
            assertThat(stored).extracting(AuditStore.StoredEvent::kind)
                    .containsExactlyElementsOf(events.stream().map(RunEvent::type).toList());
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo("SUCCEEDED");
            assertThat(store.runs(AuditStore.RunQuery.ALL, 0, 10).items()).hasSize(1);
            assertThat(store.verify().intact()).as(String.valueOf(store.verify())).isTrue();
        }
    }

    static long count(List<RunEvent> events, Class<? extends RunEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }
}
