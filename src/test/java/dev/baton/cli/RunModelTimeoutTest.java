package dev.baton.cli;

import dev.baton.cli.AuditCommandTest.Result;
import dev.baton.testing.ScriptedOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.baton.cli.AuditCommandTest.baton;
import static dev.baton.testing.ScriptedOpenAiServer.any;
import static dev.baton.testing.ScriptedReply.delayed;
import static dev.baton.testing.ScriptedReply.text;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code model.timeoutSeconds} in the flow file and {@code --model-timeout} on {@code baton run}, against a slow server. */
class RunModelTimeoutTest {

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
        // A local model that takes 3 s before its first byte, on every call.
        server.when(any()).always(delayed(Duration.ofSeconds(3), text("Slow but sure.")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFlowsTimeoutEndsTheWaitAndTheErrorSaysWhatToRaise() throws Exception {
        Path flow = OneAgentFlow.write(dir, server.baseUrl(), 1);

        Result run = baton("run", flow.toString(), "--input", "Why tides?", "--no-input", "--no-audit");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(RunCommand.FAILED);
        assertThat(run.err()).contains("no answer in 1 s; raise model.timeoutSeconds");
        // every attempt was abandoned after about a second, well before the server's 3 s
        assertThat(server.chatRequests()).hasSizeGreaterThan(1);
    }

    @Test
    void theCommandLineOverrideWinsOverTheFlow() throws Exception {
        Path flow = OneAgentFlow.write(dir, server.baseUrl(), 1);

        Result run = baton("run", flow.toString(), "--input", "Why tides?", "--no-input", "--no-audit",
                "--model-timeout", "20");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Slow but sure.");
        assertThat(server.chatRequests()).hasSize(1);
    }

    @Test
    void anOverrideOutOfRangeIsRefusedInOneLine() throws Exception {
        Path flow = OneAgentFlow.write(dir, server.baseUrl(), null);

        Result run = baton("run", flow.toString(), "--input", "x", "--no-input", "--no-audit",
                "--model-timeout", "0");

        assertThat(run.code()).isEqualTo(RunCommand.INVALID);
        assertThat(run.err().strip()).isEqualTo("error: --model-timeout 0 is out of range; use 1 to 3600 seconds");
        assertThat(server.chatRequests()).isEmpty();
    }
}
