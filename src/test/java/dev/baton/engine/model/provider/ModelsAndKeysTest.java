package dev.baton.engine.model.provider;

import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Models & keys dialog's engine side: key status, writing a key, and Test connection against a loopback server. */
class ModelsAndKeysTest {

    @TempDir
    Path home;
    private LoopbackServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKeyIsWrittenOwnerOnlyBesideTheOtherLinesAndReplacedInPlace() throws Exception {
        Path file = home.resolve(Credentials.FILE_NAME);
        Files.writeString(file, "# my keys\nANTHROPIC_API_KEY=sk-ant-old-000000000000\nOPENAI_API_KEY=old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        CredentialsWriter.set(file, "OPENAI_API_KEY", "sk-new-1234567890abcd");

        assertThat(Files.readAllLines(file)).containsExactly("# my keys",
                "ANTHROPIC_API_KEY=sk-ant-old-000000000000", "OPENAI_API_KEY=sk-new-1234567890abcd");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Credentials credentials = new Credentials(Map.<String, String>of()::get, home);
        assertThat(credentials.apiKey(ModelRef.OPENAI)).isEqualTo("sk-new-1234567890abcd");
        var status = credentials.keyStatus(ModelRef.OPENAI).orElseThrow();
        assertThat(status.masked()).isEqualTo("…abcd");
        assertThat(status.toString()).doesNotContain("sk-new");
        assertThat(status.source()).contains("credentials");
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("credentials");
        }
    }

    @Test
    void aNewFileIsCreatedOwnerOnlyAndBadInputIsRefused() throws Exception {
        Path file = home.resolve("sub").resolve(Credentials.FILE_NAME);
        CredentialsWriter.set(file, "GEMINI_API_KEY", "  g-key  ");
        assertThat(Files.readAllLines(file)).containsExactly("GEMINI_API_KEY=g-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThatThrownBy(() -> CredentialsWriter.set(file, "GEMINI_API_KEY", "a\nB=c"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CredentialsWriter.set(file, "x; rm", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllLines(file)).containsExactly("GEMINI_API_KEY=g-key");
    }

    @Test
    void anEnvironmentKeyWinsAndIsReportedAsSuch() {
        Credentials credentials = new Credentials(Map.of("ANTHROPIC_API_KEY", "sk-ant-api03-secretsecretWXYZ")::get,
                home);
        var status = credentials.keyStatus(ModelRef.ANTHROPIC).orElseThrow();
        assertThat(status.source()).isEqualTo("environment");
        assertThat(status.masked()).isEqualTo("…WXYZ");
        assertThat(credentials.keyStatus(ModelRef.OPENAI)).isEmpty();
    }

    @Test
    void testConnectionMakesOneCallAndReportsSuccess() throws Exception {
        server = new LoopbackServer();
        server.enqueue(exchange -> OpenAiChunks.stream(LoopbackServer.startStream(exchange, "text/event-stream"),
                OpenAiChunks.content("OK"), OpenAiChunks.finish("stop"), OpenAiChunks.usage(12, 1)));
        ConnectionCheck check = new ConnectionCheck(new Credentials(Map.<String, String>of()::get, home),
                Duration.ofSeconds(10));

        var outcome = check.check(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local-model", server.url("/v1"), null));

        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("connected", "OK");
        assertThat(server.received()).hasSize(1);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void testConnectionShowsTheProvidersMessageWithoutTheKey() throws Exception {
        server = new LoopbackServer();
        String key = "sk-test-wrong-key-1234567890";
        server.enqueue(exchange -> LoopbackServer.json(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key "
                + "provided: " + key + "\",\"type\":\"invalid_request_error\"}}"));
        ConnectionCheck check = new ConnectionCheck(new Credentials(Map.of("OPENAI_COMPATIBLE_API_KEY", key)::get,
                home), Duration.ofSeconds(10));

        var outcome = check.check(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local-model", server.url("/v1"), null));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("Incorrect API key provided").doesNotContain(key);
    }

    @Test
    void anUnreachableServerIsAFailureNotACrash() {
        ConnectionCheck check = new ConnectionCheck(new Credentials(Map.<String, String>of()::get, home),
                Duration.ofSeconds(3));
        var outcome = check.check(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "m", "http://127.0.0.1:1/v1", null));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).isNotBlank();
        assertThat(List.of(outcome.latencyMs())).allMatch(ms -> ms < 30_000);
    }
}
