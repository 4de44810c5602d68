package dev.baton.engine.model.provider;

import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The designer's model list from a local server: its names when it answers, an empty list soon when it misbehaves. */
class ServerModelsTest {

    @TempDir
    Path home;

    private LoopbackServer server;
    private ServerModels models;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        models = new ServerModels(new Credentials(Map.<String, String>of()::get, home), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ollamaAndCompatibleServersListTheirModels() {
        server.enqueue(exchange -> LoopbackServer.json(exchange, 200,
                "{\"models\":[{\"name\":\"llama3.2:3b\"},{\"name\":\"qwen2.5:7b\"}]}"));
        server.enqueue(exchange -> LoopbackServer.json(exchange, 200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"local-model\",\"object\":\"model\"}]}"));

        assertThat(models.list(ModelRef.OLLAMA, server.url(""))).containsExactly("llama3.2:3b", "qwen2.5:7b");
        assertThat(models.list(ModelRef.OPENAI_COMPATIBLE, server.url("/v1"))).containsExactly("local-model");
        assertThat(server.received()).extracting(LoopbackServer.Received::path)
                .containsExactly("/api/tags", "/v1/models");
    }

    @Test
    void aBodyThatNeverEndsGivesAnEmptyListWithinTheTimeout() {
        server.enqueue(exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "application/json");
            out.write("{\"models\":[".getBytes(StandardCharsets.UTF_8));
            byte[] model = "{\"name\":\"m\"},".getBytes(StandardCharsets.UTF_8);
            try {
                // slow enough never to fill the memory, endless enough to hold a reader that waits for the end
                while (server.closing.getCount() > 0) {
                    out.write(model);
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException clientClosed) {
                // the reader gave up: what the test wants
            }
        });

        List<String> names = assertTimeoutPreemptively(Duration.ofSeconds(8),
                () -> models.list(ModelRef.OLLAMA, server.url("")));

        assertThat(names).isEmpty();
    }
}
