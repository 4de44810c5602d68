package dev.baton.engine.model.provider;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.ModelRef;
import dev.baton.testing.ScriptedOpenAiServer;
import dev.baton.testing.ScriptedReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.baton.testing.ScriptedOpenAiServer.lastUserContains;
import static dev.baton.testing.ScriptedReply.call;
import static dev.baton.testing.ScriptedReply.ignoringStream;
import static dev.baton.testing.ScriptedReply.text;
import static dev.baton.testing.ScriptedReply.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A server that ignores {@code stream: true} and answers one plain {@code chat.completion} JSON object. */
class PlainJsonReplyTest {

    private static final ToolSpec RESEARCH = new ToolSpec("research", "Delegate research", Map.of("topic", "what"));
    private static final ToolSpec WRITE = new ToolSpec("write", "Delegate writing", Map.of("brief", "what"));

    @TempDir
    Path home;

    private ScriptedOpenAiServer server;
    private AgentModel model;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
        model = new ChatModelFactory(new Credentials(Map.<String, String>of()::get, home), Duration.ofSeconds(3))
                .model(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", server.baseUrl(), null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ModelRequest ask(String user, ToolSpec... tools) {
        return new ModelRequest("agent", List.of(new ChatMessage.System("You help."), new ChatMessage.User(user)),
                List.of(tools), false);
    }

    @Test
    void aPlainAnswerToAStreamedRequestIsTheAnswer() throws Exception {
        server.when(lastUserContains("tides")).always(ignoringStream(text("The moon pulls the sea.")));
        List<String> tokens = new CopyOnWriteArrayList<>();

        ModelReply reply = model.chat(ask("Explain tides"), tokens::add);

        assertThat(server.chatRequests().get(0).streamed()).isTrue();
        assertThat(reply.text()).isEqualTo("The moon pulls the sea.");
        assertThat(String.join("", tokens)).isEqualTo("The moon pulls the sea.");
        assertThat(reply.tokensReported()).isTrue();
        assertThat(reply.outputTokens()).isPositive();
    }

    @Test
    void plainParallelToolCallsToAStreamedRequestAreTheToolCalls() throws Exception {
        server.when(lastUserContains("go")).always(ignoringStream(toolCalls(
                call("call_a", "research", "{\"topic\":\"tides\"}"), call("call_b", "write", "{\"brief\":\"ode\"}"))));

        ModelReply reply = model.chat(ask("go", RESEARCH, WRITE), null);

        assertThat(reply.toolCalls()).extracting(c -> c.id() + " " + c.name() + " " + c.arguments())
                .containsExactly("call_a research {topic=tides}", "call_b write {brief=ode}");
    }

    @Test
    void aPlainErrorObjectWithStatus200SaysWhatTheServerSaid() {
        server.when(lastUserContains("x")).always(ScriptedReply.garbage("application/json",
                "{\"error\":{\"message\":\"model 'local' is not loaded\",\"type\":\"server_error\"}}"
                        .getBytes(StandardCharsets.UTF_8)));

        ModelException failure = catchThrowableOfType(ModelException.class, () -> model.chat(ask("x"), null));

        assertThat(failure.getMessage()).contains("model 'local' is not loaded").doesNotContain("held no answer");
    }

    @Test
    void plainJsonThatIsNotACompletionIsAnInvalidResponseThatSaysSo() {
        server.when(lastUserContains("x")).always(ScriptedReply.garbage("application/json",
                "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)));

        ModelException failure = catchThrowableOfType(ModelException.class, () -> model.chat(ask("x"), null));

        assertThat(failure.kind()).isEqualTo(ModelException.Kind.INVALID_RESPONSE);
        assertThat(failure.getMessage()).doesNotContain("held no answer").contains("plain JSON");
    }
}
