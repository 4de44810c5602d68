package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A model's maxOutputTokens reaches each provider's request under that provider's own field name. */
class MaxOutputTokensTest extends LoopbackProviderTest {


    /** Sends one request that the server refuses; only the request's body matters here. */
    private JsonNode sentBody(ModelRef ref) {
        server.enqueue(exchange -> LoopbackServer.json(exchange, 400, "{\"error\":{\"message\":\"no\"}}"));
        catchThrowable(() -> factory.model(ref).chat(new ModelRequest("writer",
                List.of(new ChatMessage.System("You write."), new ChatMessage.User("Hi")), List.of(), false),
                chunk -> { }));
        return server.lastRequest().body();
    }

    @Test
    void openAiSendsMaxCompletionTokens() {
        JsonNode body = sentBody(new ModelRef(ModelRef.OPENAI, "gpt-x", server.url("/v1"), null, null, 321));
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(321);
    }

    @Test
    void openAiCompatibleSendsMaxTokens() {
        JsonNode body = sentBody(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", server.url("/v1"), null, null, 77));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(77);
    }

    @Test
    void anthropicSendsItsOwnLimitInsteadOfTheDefault() {
        JsonNode body = sentBody(new ModelRef(ModelRef.ANTHROPIC, "claude-x", server.url("/v1/"), null, null, 999));
        assertThat(body.path("max_tokens").asInt()).isEqualTo(999);
    }

    @Test
    void geminiSendsMaxOutputTokens() {
        JsonNode body = sentBody(new ModelRef(ModelRef.GEMINI, "gemini-x", server.url("/v1beta"), null, null, 55));
        assertThat(body.path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(55);
    }

    @Test
    void ollamaSendsNumPredict() {
        JsonNode body = sentBody(new ModelRef(ModelRef.OLLAMA, "llama", server.url(""), null, null, 64));
        assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(64);
    }

    @Test
    void noLimitSendsNoField() {
        JsonNode body = sentBody(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", server.url("/v1"), null, null));
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("max_completion_tokens")).isFalse();
    }
}
