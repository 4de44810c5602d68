package dev.baton.testing;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelException.Kind;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.ToolSpec;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.baton.testing.ScriptedOpenAiServer.lastRoleIs;
import static dev.baton.testing.ScriptedOpenAiServer.lastUserContains;
import static dev.baton.testing.ScriptedOpenAiServer.nth;
import static dev.baton.testing.ScriptedOpenAiServer.offersTool;
import static dev.baton.testing.ScriptedOpenAiServer.systemContains;
import static dev.baton.testing.ScriptedReply.call;
import static dev.baton.testing.ScriptedReply.delayed;
import static dev.baton.testing.ScriptedReply.dropMidStream;
import static dev.baton.testing.ScriptedReply.garbage;
import static dev.baton.testing.ScriptedReply.rateLimited;
import static dev.baton.testing.ScriptedReply.status;
import static dev.baton.testing.ScriptedReply.text;
import static dev.baton.testing.ScriptedReply.toolCall;
import static dev.baton.testing.ScriptedReply.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The scripted server itself, driven through Baton's real openai-compatible provider (LangChain4j's client). */
class ScriptedOpenAiServerTest {

    private static final ToolSpec RESEARCH = new ToolSpec("research", "Delegate research", Map.of("topic", "what"));
    private static final ToolSpec WRITE = new ToolSpec("write", "Delegate writing", Map.of("brief", "what"));

    @TempDir
    Path home;

    private ScriptedOpenAiServer server;
    private AgentModel model;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
        model = new ChatModelFactory(new Credentials(Map.<String, String>of()::get, home), Duration.ofSeconds(2))
                .model(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", server.baseUrl(), null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ModelRequest ask(String system, String user, ToolSpec... tools) {
        return new ModelRequest("agent", List.of(new ChatMessage.System(system), new ChatMessage.User(user)),
                List.of(tools), false);
    }

    @Test
    void streamsTextByRuleAndRecordsThePromptTheModelSaw() throws Exception {
        server.when(systemContains("critic")).always(text("wrong rule"));
        server.when(systemContains("writer").and(lastUserContains("tides"))).always(text("Tides follow the moon."));
        List<String> tokens = new CopyOnWriteArrayList<>();

        ModelReply reply = model.chat(ask("You are the writer.", "Explain tides"), tokens::add);

        assertThat(reply.text()).isEqualTo("Tides follow the moon.");
        assertThat(tokens).hasSizeGreaterThan(1);
        assertThat(String.join("", tokens)).isEqualTo("Tides follow the moon.");
        assertThat(reply.tokensReported()).isTrue();
        ScriptedRequest seen = server.chatRequests().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.streamed()).isTrue();
        assertThat(seen.model()).isEqualTo("local");
        assertThat(seen.systemText()).isEqualTo("You are the writer.");
        assertThat(seen.lastUserText()).isEqualTo("Explain tides");
        assertThat(server.unmatched()).isEmpty();
    }

    @Test
    void parallelToolCallsAndRepliesInSequence() throws Exception {
        server.when(offersTool("research").and(lastRoleIs("user"))).reply(
                toolCalls(call("call_1", "research", "{\"topic\":\"tides\"}"),
                        call("call_2", "write", "{\"brief\":\"a poem\"}")),
                toolCall("research", "{\"topic\":\"waves\"}"));

        ModelReply first = model.chat(ask("You lead.", "Go", RESEARCH, WRITE), null);
        ModelReply second = model.chat(ask("You lead.", "Again", RESEARCH, WRITE), null);
        ModelException third = catchThrowableOfType(ModelException.class,
                () -> model.chat(ask("You lead.", "Once more", RESEARCH, WRITE), null));

        assertThat(first.toolCalls()).extracting(c -> c.name() + ":" + c.arguments())
                .containsExactly("research:{topic=tides}", "write:{brief=a poem}");
        assertThat(second.toolCalls()).extracting(c -> c.argument("topic")).containsExactly("waves");
        // The rule is spent: the third request matches nothing and is refused with a message that names it.
        assertThat(third.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(third.getMessage()).contains("no scripted rule matched request #3");
        assertThat(server.unmatched()).hasSize(1);
        assertThat(server.chatRequests().get(0).toolNames()).containsExactly("research", "write");
    }

    @Test
    void statusesGarbageDropsAndDelaysReachTheClientAsTheyWould() {
        server.when(nth(1)).reply(rateLimited(7));
        server.when(nth(2)).reply(status(500, "The server had an error"));
        server.when(nth(3)).reply(status(401, "Incorrect API key provided"));
        server.when(nth(4)).reply(garbage());
        server.when(nth(5)).reply(dropMidStream("Half an ans"));
        server.when(nth(6)).reply(delayed(Duration.ofSeconds(30), text("too late")));

        List<Kind> kinds = new java.util.ArrayList<>();
        List<String> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ModelException failure = catchThrowableOfType(ModelException.class,
                    () -> model.chat(ask("s", "u"), null));
            kinds.add(failure.kind());
            messages.add(failure.getMessage());
        }

        assertThat(kinds).containsExactly(Kind.RATE_LIMITED, Kind.SERVER_ERROR, Kind.AUTHENTICATION,
                Kind.INVALID_RESPONSE, Kind.NETWORK, Kind.TIMEOUT);
        assertThat(messages.get(0)).contains("429");
        assertThat(server.chatRequests()).hasSize(6);
    }

    @Test
    void answersPlainJsonAndListsModels() throws Exception {
        server.when(lastUserContains("hi")).always(text("hello"));
        server.when(lastUserContains("stream anyway")).always(ScriptedReply.ignoringStream(text("plain")));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}]}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> ignoring = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/chat/completions")).POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":"
                        + "true,\"messages\":[{\"role\":\"user\",\"content\":\"stream anyway\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(OpenAiWire.JSON.readTree(plain.body()).at("/choices/0/message/content").asText())
                .isEqualTo("hello");
        assertThat(OpenAiWire.JSON.readTree(plain.body()).at("/usage/total_tokens").asInt()).isPositive();
        assertThat(ignoring.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(OpenAiWire.JSON.readTree(ignoring.body()).path("object").asText()).isEqualTo("chat.completion");
        assertThat(OpenAiWire.JSON.readTree(models.body()).at("/data/0/id").asText()).isEqualTo("scripted-model");
        assertThat(server.requests()).extracting(ScriptedRequest::method).containsExactly("POST", "POST", "GET");
    }
}
