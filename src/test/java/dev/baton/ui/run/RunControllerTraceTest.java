package dev.baton.ui.run;

import dev.baton.engine.EventRecorder;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunStatus;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.Flow;
import dev.baton.secret.Redactor;
import dev.baton.trace.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A designer run with a live trace: its spans reach a loopback OTLP/HTTP receiver, redacted with the program's
 * redactor, and the Run tab's console ends with the sender's report; a collector that is down costs the run nothing.
 */
class RunControllerTraceTest {

    private static final String KEY = "opensesame-7d1f0c93b2a4";

    private final FakeFxThread fx = new FakeFxThread();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aDesignerRunsSpansArriveAndTheConsoleSaysHowMany() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            // a known key in the flow's name: the root span is named after the flow
            Flow flow = LiveRuns.sample("supervisor-market-entry-japan.json").withName("Japan " + KEY);
            Redactor program = new Redactor(List.of(KEY));
            EventRecorder events = new EventRecorder();
            RunController c = RunController.simulated(flow, SimulatedModel.Settings.DEFAULT, fx.executor)
                    .redactWith(program).listen(events)
                    .traceTo(receiver.url(), "test");
            c.start(LiveRuns.inputFor("supervisor-market-entry-japan.json"));
            assertThat(c.finished().get(60, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);

            long expected = 1 + events.events.stream().filter(e -> e instanceof RunEvent.AgentStarted
                    || e instanceof RunEvent.CriticVerdict || e instanceof RunEvent.ModelRequested
                    || e instanceof RunEvent.ToolCalled || e instanceof RunEvent.Handoff).count();
            List<Span> spans = receiver.spans();
            assertThat(spans).hasSize((int) expected);
            String traceId = c.handle().runId().substring("run-".length()).replace("-", "");
            assertThat(spans).allSatisfy(s -> assertThat(HexFormat.of().formatHex(s.getTraceId().toByteArray()))
                    .isEqualTo(traceId));
            assertThat(spans.stream().filter(s -> s.getParentSpanId().isEmpty())).singleElement()
                    .satisfies(root -> assertThat(root.getName()).isEqualTo("run Japan " + Redactor.REDACTED));
            assertThat(spans).noneMatch(s -> s.toString().contains(KEY));

            List<String> console = fx.call(() -> List.copyOf(c.viewModel().console()));
            assertThat(console.get(console.size() - 1))
                    .isEqualTo("note: otlp: sent " + expected + " spans to " + receiver.url() + "/v1/traces");
        }
    }

    @Test
    void aCollectorThatIsDownLeavesTheRunAsItWasAndTheConsoleSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        RunController c = RunController.simulated(LiveRuns.sample("chain-blog-article.json"),
                SimulatedModel.Settings.DEFAULT, fx.executor)
                .traceTo("http://127.0.0.1:" + port, "test");
        long start = System.nanoTime();
        c.start(LiveRuns.inputFor("chain-blog-article.json"));
        assertThat(c.finished().get(60, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat((System.nanoTime() - start) / 1_000_000).as("a refused collector costs no waiting")
                .isLessThan(15_000);
        List<String> console = fx.call(() -> List.copyOf(c.viewModel().console()));
        assertThat(console).anyMatch(l -> l.startsWith("Run succeeded"));
        assertThat(console.get(console.size() - 1)).matches("note: otlp: (\\d+) of \\1 spans not delivered to "
                + "http://127\\.0\\.0\\.1:" + port + "/v1/traces \\(ConnectException.*");
    }
}
