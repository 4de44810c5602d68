package dev.baton.temporal;

import com.sun.net.httpserver.HttpServer;
import dev.baton.engine.RunEvent;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ToolCall;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.ToolSettings;
import dev.baton.testing.StubProviders;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Temporal, the tool calls of one reply run at once, as on the embedded engine: a model asks for three http_get
 * calls in one reply, each answered by a loopback server after 700 ms, and the server sees all three at the same time
 * (they used to be three activities one after the other). The history replays on a fresh worker.
 */
class TemporalParallelToolsTest {

    private static final String QUEUE = "baton-parallel-tools";
    private static final int CALLS = 3;

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private TestTemporal temporal;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            int now = inFlight.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            byte[] body = ("page " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        temporal = TestTemporal.start(dir, QUEUE, null, threeCallsThenDone(server.getAddress().getPort()));
    }

    @AfterEach
    void stop() throws Exception {
        temporal.close();
        server.stop(0);
    }

    @Test
    void aReplysToolCallsRunAtOnceAndReplay() throws Exception {
        Flow flow = Flow.empty("fetch", "fetch")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("reader", NodeKind.AGENT, "Reader").withRole("reads pages")
                        .withModel(new ModelRef("openai", "scripted", null, null)).withTools(List.of("http_get")))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Output"))
                .addEdge(Edge.next("e1", "start", "reader"))
                .addEdge(Edge.next("e2", "reader", "out"))
                .withTools(new ToolSettings(null, List.of("127.0.0.1:" + server.getAddress().getPort()), List.of(),
                        10, Map.of()));
        String runId = TemporalRuns.newRunId();
        temporal.runs.start(runId, flow, "read the three pages", true);
        List<RunEvent> events = new ArrayList<>();
        Wire.RunOutcome outcome = temporal.runs.follow(runId, events::add, Duration.ofMillis(50));

        assertThat(outcome.status()).as(String.valueOf(outcome)).isEqualTo("SUCCEEDED");
        List<RunEvent.ToolCallFinished> finished = events.stream().filter(RunEvent.ToolCallFinished.class::isInstance)
                .map(RunEvent.ToolCallFinished.class::cast).toList();
        assertThat(finished).hasSize(CALLS);
        assertThat(finished).allSatisfy(f -> assertThat(f.error()).as(f.content()).isFalse());
        for (int i = 0; i < CALLS; i++) {
            assertThat(finished.get(i).content()).as("results in call order").endsWith("page /p" + (i + 1));
        }
        assertThat(mostAtOnce.get()).as("requests the server had at the same time").isEqualTo(CALLS);
        WorkflowReplayer.replayWorkflowExecution(temporal.env.getWorkflowClient().fetchHistory(runId),
                BatonWorkflowImpl.class);
    }

    /**
     * A run Baton 2dd07eb started (the same flow, its three calls one after the other) replays on this code: its
     * history has no marker for the change, so its calls stay sequential there (WorkflowHost.parallelToolCalls). The
     * history was exported from that build's run of the test above. (Temporal's SDK also replayed it with the calls
     * made at once; the version marker keeps it from depending on that.)
     */
    @Test
    void aRunStartedBeforeTheChangeReplaysWithItsCallsOneAfterTheOther() throws Exception {
        String history = new String(TemporalParallelToolsTest.class.getResourceAsStream(
                "/temporal/sequential-tool-calls-history.json").readAllBytes(), StandardCharsets.UTF_8);
        WorkflowReplayer.replayWorkflowExecution(history, BatonWorkflowImpl.class);
    }

    /** A model asking for three pages in one reply, then answering with what it read. */
    private static ModelProvider threeCallsThenDone(int port) {
        return StubProviders.answering((request, sink) -> {
            List<String> read = new ArrayList<>();
            for (ChatMessage m : request.messages()) {
                if (m instanceof ChatMessage.ToolResult r) {
                    read.add(r.text());
                }
            }
            if (!read.isEmpty()) {
                return new ModelReply("read: " + String.join(", ", read), List.of(), 5, 5, true, "openai",
                        "scripted", false);
            }
            List<ToolCall> calls = new ArrayList<>();
            for (int i = 1; i <= CALLS; i++) {
                String url = "http://127.0.0.1:" + port + "/p" + i;
                calls.add(new ToolCall("c" + i, "http_get", Map.of("url", url),
                        "{\"url\":\"" + url + "\"}"));
            }
            return new ModelReply("", calls, 5, 5, true, "openai", "scripted", false);
        });
    }
}
