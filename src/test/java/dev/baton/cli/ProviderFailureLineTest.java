package dev.baton.cli;

import dev.baton.cli.AuditCommandTest.Result;
import dev.baton.testing.ScriptedOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.baton.cli.AuditCommandTest.baton;
import static dev.baton.testing.ScriptedOpenAiServer.any;
import static dev.baton.testing.ScriptedReply.status;
import static org.assertj.core.api.Assertions.assertThat;

/** A provider's failure reaches the user as one clean line that names the model once. */
class ProviderFailureLineTest {

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRefusedKeyIsOneLineNamingTheModelOnce() throws Exception {
        server.when(any()).always(status(401, "Incorrect API key provided"));
        Path flow = OneAgentFlow.write(dir, server.baseUrl(), null);

        Result run = baton("run", flow.toString(), "--input", "Why tides?", "--no-input", "--no-audit");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(RunCommand.FAILED);
        String line = run.err().lines().filter(l -> l.contains("Incorrect API key")).findFirst().orElseThrow();
        assertThat(line).isEqualTo("! explainer failed: openai-compatible/local failed: AUTHENTICATION (HTTP 401): "
                + "Incorrect API key provided");
        assertThat(run.err().lines().filter(l -> l.contains("Incorrect API key"))).allSatisfy(l -> {
            assertThat(countOf(l, "openai-compatible/local")).as(l).isLessThanOrEqualTo(1);
            assertThat(countOf(l, "401")).as(l).isLessThanOrEqualTo(1);
        });
    }

    @Test
    void aServerErrorRetriedToTheEndIsOneLineNamingTheModelOnce() throws Exception {
        server.when(any()).always(status(500, "The server had an error while processing your request"));
        Path flow = OneAgentFlow.write(dir, server.baseUrl(), null);

        Result run = baton("run", flow.toString(), "--input", "Why tides?", "--no-input", "--no-audit");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(RunCommand.FAILED);
        assertThat(server.chatRequests()).hasSizeGreaterThan(1);
        List<String> lines = run.err().lines().filter(l -> l.contains("The server had an error")).toList();
        assertThat(lines).as(run.err()).isNotEmpty().allSatisfy(l -> {
            assertThat(countOf(l, "openai-compatible/local")).as(l).isLessThanOrEqualTo(1);
            assertThat(countOf(l, "500")).as(l).isEqualTo(1);
        });
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("openai-compatible/local failed after ")
                .endsWith(" attempts: SERVER_ERROR (HTTP 500): The server had an error while processing your request"));
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
