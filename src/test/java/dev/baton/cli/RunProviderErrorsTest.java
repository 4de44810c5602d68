package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.AuditCommandTest.Result;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.secret.PlantedKeys;
import dev.baton.testing.ScriptedOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.baton.cli.AuditCommandTest.baton;
import static dev.baton.testing.ScriptedOpenAiServer.any;
import static dev.baton.testing.ScriptedReply.rateLimited;
import static dev.baton.testing.ScriptedReply.raw;
import static dev.baton.testing.ScriptedReply.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton run} against an openai-compatible server that fails as real ones do: the retry-after is honoured within
 * a limit, the failure is one line naming the model and the node, and a key the server echoes reaches no output.
 */
class RunProviderErrorsTest {

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;
    private String homeBefore;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
        homeBefore = System.getProperty("baton.home");
        Path home = Files.createDirectories(dir.resolve("home"));
        System.setProperty("baton.home", home.toString());
    }

    @AfterEach
    void stop() {
        server.close();
        if (homeBefore == null) {
            System.clearProperty("baton.home");
        } else {
            System.setProperty("baton.home", homeBefore);
        }
    }

    private Result run(Path events, String... extra) throws Exception {
        Path flow = OneAgentFlow.write(dir, server.baseUrl(), null);
        List<String> args = new ArrayList<>(List.of("run", flow.toString(), "--input", "Why tides?", "--no-input",
                "--events", events.toString()));
        args.addAll(List.of(extra));
        return baton(args.toArray(String[]::new));
    }

    private static List<JsonNode> events(Path file, String type) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> found = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode event = json.readTree(line);
            if (event.path("type").asText().equals(type)) {
                found.add(event);
            }
        }
        return found;
    }

    @Test
    void theProvidersRetryAfterIsWaitedOutBeforeTheRetry() throws Exception {
        server.when(any()).reply(rateLimited(2), text("After the wait."));
        Path events = dir.resolve("events.jsonl");

        Result run = run(events, "--no-audit");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("After the wait.");
        // the engine's own backoff would have retried after 250..500 ms
        assertThat(events(events, "Retried")).singleElement()
                .satisfies(r -> assertThat(r.path("delayMs").asLong()).isGreaterThanOrEqualTo(2_000));
        assertThat(server.chatRequests()).hasSize(2);
    }

    @Test
    void anAnswerCutAtTheOutputLimitIsPassedOnAndSaidToBeCut() throws Exception {
        // a partial answer with finish_reason "length" was passed on as if the model had finished
        String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"local\","
                + "\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}";
        String body = "data: " + chunk.formatted("{\"role\":\"assistant\",\"content\":\"Tides come from the moon's"
                + " pull on the\"}", "null") + "\n\n" + "data: " + chunk.formatted("{}", "\"length\"") + "\n\n"
                + "data: [DONE]\n\n";
        server.when(any()).always(raw(200, "text/event-stream", Map.of(), body));
        Path events = dir.resolve("events.jsonl");

        Result run = run(events, "--no-audit");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Tides come from the moon's pull on the");
        assertThat(events(events, "RunWarning")).singleElement().satisfies(w -> assertThat(w.path("message").asText())
                .contains("explainer").contains("cut at the model's output limit").contains("maxOutputTokens"));
        assertThat(run.err()).contains("cut at the model's output limit");
    }

    @Test
    void aRetryAfterOfAnHourFailsTheRunAtOnceInOneLine() throws Exception {
        server.when(any()).always(raw(429, "application/json", Map.of("Retry-After", "3600"),
                "{\"error\":{\"message\":\"Rate limit reached for requests per day\",\"type\":\"requests\"}}"));
        long start = System.nanoTime();

        Result run = run(dir.resolve("events.jsonl"), "--no-audit");

        assertThat(run.code()).isEqualTo(RunCommand.FAILED);
        assertThat(run.err()).contains("explainer").contains("openai-compatible/local")
                .contains("Rate limit reached for requests per day").contains("asks to wait 3600 s");
        assertThat(server.chatRequests()).hasSize(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
    }

    @Test
    void aProxysHtmlErrorPageEndsTheRunInOneReadableLine() throws Exception {
        server.when(any()).always(raw(502, "text/html", Map.of(), "<!DOCTYPE html>\n<html>\n<head><title>502 Bad "
                + "Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx"
                + "</center>\n</body>\n</html>\n"));

        Result run = run(dir.resolve("events.jsonl"), "--no-audit");

        assertThat(run.code()).isEqualTo(RunCommand.FAILED);
        assertThat(run.err()).contains("explainer").contains("after 4 attempts").contains("HTTP 502")
                .contains("502 Bad Gateway").doesNotContain("<").doesNotContain("\tat ");
        assertThat(server.chatRequests()).hasSize(4);
    }

    @Test
    void aKeyEchoedInAnErrorBodyAndHeaderReachesNoOutput() throws Exception {
        String key = plantKey();
        String echo = "Incorrect API key provided: " + key + ". Also seen: " + PlantedKeys.allInOneText();
        server.when(any()).always(raw(401, "application/json", Map.of("X-Echo", key),
                "{\"error\":{\"message\":" + new ObjectMapper().writeValueAsString(echo) + ",\"code\":"
                        + "\"invalid_api_key\"}}"));

        assertNoKeyAfterFailedRun(key, "AUTHENTICATION", "Incorrect API key provided");
        assertThat(server.chatRequests()).hasSize(1);
        assertThat(server.chatRequests().get(0).header("Authorization")).isEqualTo("Bearer " + key);
    }

    @Test
    void aKeyEchoedInAnErrorEventInsideTheStreamReachesNoOutput() throws Exception {
        String key = plantKey();
        String echo = "upstream refused key " + key + " and " + PlantedKeys.allInOneText();
        server.when(any()).always(raw(200, "text/event-stream", Map.of(), "data: {\"error\":{\"message\":"
                + new ObjectMapper().writeValueAsString(echo) + ",\"type\":\"server_error\"}}\n\n"));

        assertNoKeyAfterFailedRun(key, "SERVER_ERROR", "upstream refused key");
        assertThat(server.chatRequests()).hasSize(4);
    }

    /** Writes {@code key} to the credentials file of the test's Baton home, as a user would. */
    private static String plantKey() throws Exception {
        String key = "gatewayKey" + "Shapeless4Echo5";
        Path credentials = Path.of(System.getProperty("baton.home")).resolve(Credentials.FILE_NAME);
        Files.writeString(credentials, "OPENAI_COMPATIBLE_API_KEY=" + key + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        return key;
    }

    private void assertNoKeyAfterFailedRun(String key, String kind, String providersWords) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path db = dir.resolve("audit");

        Result run = run(events, "--audit", db.toString());

        assertThat(run.code()).isEqualTo(RunCommand.FAILED);
        assertThat(run.err()).contains("explainer").contains(kind).contains(providersWords).doesNotContain("\tat ");
        Result shown = baton("audit", "show", events(events, "RunStarted").get(0).path("runId").asText(),
                "--db", db.toString());
        String dbBytes = new String(Files.readAllBytes(dir.resolve("audit.mv.db")), StandardCharsets.ISO_8859_1);
        for (String where : List.of(run.out(), run.err(), Files.readString(events), dbBytes, shown.out(),
                shown.err())) {
            assertThat(where).doesNotContain(key);
            for (PlantedKeys.Planted p : PlantedKeys.ALL) {
                if (!p.shape().equals("known-value")) {
                    assertThat(where).as(p.shape()).doesNotContain(p.secret());
                }
            }
        }
        assertThat(shown.out()).contains(providersWords);
    }
}
