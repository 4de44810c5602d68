package dev.baton.trace;

import dev.baton.flow.NodeKind;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live sender's promises: it never blocks the run, its queue is bounded, and what is lost is counted. */
class LiveTraceTest {

    private static final String RUN = "run-01a24e81-4a6e-78c3-bc17-098f828f6c36";

    @Test
    void aHungCollectorNeverBlocksTheListenerAndEveryLostSpanIsCounted() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackhole.accept()); // and never answer
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            LiveTrace trace = LiveTrace.open("http://127.0.0.1:" + blackhole.getLocalPort() + "/v1/traces", "t",
                    dev.baton.secret.Redactor.shapesOnly());
            int agents = LiveTrace.MAX_QUEUE + 1000; // more spans than the queue holds
            Instant t = Instant.parse("2026-12-07T03:00:00Z");
            long seq = 1;
            long start = System.nanoTime();
            trace.onEvent(new RunEvent.RunStarted(RUN, seq++, t, "", "", "f", "F", "in", true, List.of()));
            for (int i = 0; i < agents; i++) {
                trace.onEvent(new RunEvent.AgentStarted(RUN, seq++, t, "a" + i, "", NodeKind.AGENT, "A", "in", 1));
                trace.onEvent(new RunEvent.AgentFinished(RUN, seq++, t, "a" + i, "", "out", 1, 1, 0));
            }
            trace.onEvent(new RunEvent.RunFinished(RUN, seq, t, "", "", "out", new RunTotals(0, 0, 0, 0)));
            long feedMs = (System.nanoTime() - start) / 1_000_000;
            LiveTrace.Report report = trace.close(Duration.ofMillis(500));
            long totalMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(feedMs).as("feeding %d events to a hung collector", 2 * agents + 2).isLessThan(3_000);
            assertThat(totalMs - feedMs).as("close waits its bound, not the exporter's timeout").isLessThan(3_000);
            assertThat(report.spans()).isEqualTo(agents + 1);
            assertThat(report.sent()).isZero();
            assertThat(report.dropped()).isEqualTo(agents + 1);
            assertThat(report.line()).startsWith("warning: otlp: " + (agents + 1) + " of " + (agents + 1));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void theEndpointGetsTheTracesPathWhenGivenNoneAndOnlyHttpIsTaken() {
        assertThat(LiveTrace.endpoint("http://localhost:4318")).isEqualTo("http://localhost:4318/v1/traces");
        assertThat(LiveTrace.endpoint("http://localhost:4318/")).isEqualTo("http://localhost:4318/v1/traces");
        assertThat(LiveTrace.endpoint("https://cloud.langfuse.com/api/public/otel/v1/traces"))
                .isEqualTo("https://cloud.langfuse.com/api/public/otel/v1/traces");
        assertThatThrownBy(() -> LiveTrace.endpoint("localhost:4318")).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> LiveTrace.endpoint("http://[bad")).hasMessageContaining("not a URL");
    }
}
