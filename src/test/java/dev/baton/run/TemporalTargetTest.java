package dev.baton.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HOST:PORT and task queue of a Temporal frontend, as the designer keeps them: every bad one is a one-line message. */
class TemporalTargetTest {

    @Test
    void aHostAndPortWithTheDefaultQueue() {
        TemporalTarget t = TemporalTarget.parse(" temporal.example.org:7233 ", "  ");
        assertThat(t.host()).isEqualTo("temporal.example.org");
        assertThat(t.port()).isEqualTo(7233);
        assertThat(t.taskQueue()).isEqualTo("baton");
        assertThat(t.hostPort()).isEqualTo("temporal.example.org:7233");
        assertThat(t.describe()).isEqualTo("Temporal at temporal.example.org:7233 (task queue baton)");
    }

    @Test
    void anIpv6HostKeepsItsBrackets() {
        TemporalTarget t = TemporalTarget.parse("[::1]:7233", "runs");
        assertThat(t.hostPort()).isEqualTo("[::1]:7233");
        assertThat(t.taskQueue()).isEqualTo("runs");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|give the Temporal frontend as HOST:PORT, e.g. localhost:7233",
            "localhost|'localhost' has no port: give HOST:PORT (Temporal's is usually 7233)",
            "localhost:99999|port 99999 is out of range (1 to 65535)",
            "localhost:0|port 0 is out of range (1 to 65535)",
            "localhost:72x3|'localhost:72x3' is not HOST:PORT (e.g. localhost:7233)",
            "http://localhost:7233|'http://localhost:7233' is not HOST:PORT: leave out the scheme and path"
                    + " (e.g. localhost:7233)",
            "user@localhost:7233|'user@localhost:7233' is not HOST:PORT (e.g. localhost:7233)",
            "local host:7233|'local host:7233' is not HOST:PORT (e.g. localhost:7233)",
            ":7233|':7233' is not HOST:PORT (e.g. localhost:7233)"})
    void aBadTargetIsOneLineSayingWhy(String text, String message) {
        assertThatThrownBy(() -> TemporalTarget.parse(text, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aQueueWithControlCharactersOrTooLongIsRefused() {
        assertThatThrownBy(() -> TemporalTarget.parse("localhost:7233", "a\nb"))
                .hasMessage("the task queue name holds control characters");
        assertThatThrownBy(() -> TemporalTarget.parse("localhost:7233", "q".repeat(201)))
                .hasMessage("the task queue name is longer than 200 characters");
    }

    @Test
    void aFrontendThatIsDownIsSaidAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        String why = TemporalTarget.parse("127.0.0.1:" + port, null).unreachable(Duration.ofSeconds(5));
        assertThat(why).containsIgnoringCase("refused").doesNotContain("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        try (ServerSocket listening = new ServerSocket(0)) {
            assertThat(TemporalTarget.parse("127.0.0.1:" + listening.getLocalPort(), null)
                    .unreachable(Duration.ofSeconds(5))).isNull();
        }
    }

    @Test
    void aClientFailureBecomesOneLineWithoutTheWrapper() {
        Exception e = new RuntimeException("workflowId='run-1', runId='', workflowType='BatonRun'",
                new RuntimeException("UNAVAILABLE: io exception\nmore",
                        new java.net.ConnectException("Connection refused")));
        assertThat(RemoteRunSession.oneLine(e)).isEqualTo("UNAVAILABLE: io exception: Connection refused");
    }
}
