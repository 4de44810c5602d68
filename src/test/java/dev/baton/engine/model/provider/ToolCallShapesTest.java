package dev.baton.engine.model.provider;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;
import dev.baton.flow.ModelRef;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool calls in the shapes real servers send them, per protocol: every call arrives whole and apart, so that the
 * engine can run it or tell the model what is wrong with it, and none is lost or merged into another.
 */
class ToolCallShapesTest extends LoopbackProviderTest {

    private static final ToolSpec RESEARCH = new ToolSpec("research", "Research", Map.of("topic", "what"));


    private ModelReply reply(String provider, String path, LoopbackServer.Responder responder) throws Exception {
        server.enqueue(responder);
        ModelRequest ask = new ModelRequest("lead", List.of(new ChatMessage.User("Plan")), List.of(RESEARCH), false);
        return factory.model(new ModelRef(provider, "m1", server.url(path), null)).chat(ask, chunk -> { });
    }

    @Test
    void openAiCompatibleArgumentsSentAsAnObjectAreReadAsTheirJson() throws Exception {
        // llama.cpp-style servers and some proxies put the arguments object where OpenAI puts its text
        ModelReply streamed = reply(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> OpenAiChunks.stream(
                LoopbackServer.startStream(exchange, "text/event-stream"), "{\"id\":\"x\",\"object\":"
                        + "\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
                        + "{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"research\",\"arguments\":{\"topic\":\"bees\"}}}]},"
                        + "\"finish_reason\":null}]}", OpenAiChunks.finish("tool_calls")));
        ModelReply plain = reply(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> LoopbackServer.json(exchange, 200,
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c2\",\"type\":"
                        + "\"function\",\"function\":{\"name\":\"research\",\"arguments\":{\"topic\":\"ants\"}}}]},"
                        + "\"finish_reason\":\"tool_calls\"}]}"));

        assertThat(streamed.toolCalls()).containsExactly(
                new ToolCall("c1", "research", Map.of("topic", "bees"), "{\"topic\":\"bees\"}"));
        assertThat(plain.toolCalls()).containsExactly(
                new ToolCall("c2", "research", Map.of("topic", "ants"), "{\"topic\":\"ants\"}"));
    }

    @Test
    void ollamasSeveralCallsWithoutAnIndexStayApart() throws Exception {
        ModelReply reply = reply(ModelRef.OLLAMA, "", exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "application/x-ndjson");
            LoopbackServer.line(out, "{\"model\":\"m1\",\"created_at\":\"2026-11-25T10:00:00Z\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"research\",\"arguments\":"
                    + "{\"topic\":\"bees\",\"depth\":2}}},{\"function\":{\"name\":\"research\",\"arguments\":{}}}]},"
                    + "\"done\":false}");
            LoopbackServer.line(out, "{\"model\":\"m1\",\"created_at\":\"2026-11-25T10:00:01Z\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":9,"
                    + "\"eval_count\":3}");
        });

        assertThat(reply.toolCalls()).extracting(ToolCall::name).containsExactly("research", "research");
        assertThat(reply.toolCalls().get(0).arguments()).isEqualTo(Map.of("topic", "bees", "depth", "2"));
        assertThat(reply.toolCalls().get(1).arguments()).isEmpty();
        assertThat(reply.toolCalls()).extracting(ToolCall::id).doesNotHaveDuplicates();
    }

    @Test
    void anthropicToolUseBlocksWithSplitJsonAndTextBesideThem() throws Exception {
        ModelReply reply = reply(ModelRef.ANTHROPIC, "/v1/", exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            LoopbackServer.event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}");
            LoopbackServer.event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            LoopbackServer.event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Looking it up.\"}}");
            LoopbackServer.event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            for (int block = 1; block <= 2; block++) {
                LoopbackServer.event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":" + block
                        + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_" + block + "\",\"name\":"
                        + "\"research\",\"input\":{}}}");
                for (String piece : List.of("{\\\"topic\\\": \\\"be", "es" + block + "\\\"}")) {
                    LoopbackServer.event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":"
                            + block + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + piece + "\"}}");
                }
                LoopbackServer.event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + block
                        + "}");
            }
            LoopbackServer.event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                    + "\"tool_use\"},\"usage\":{\"output_tokens\":30}}");
            LoopbackServer.event(out, "message_stop", "{\"type\":\"message_stop\"}");
        });

        assertThat(reply.text()).isEqualTo("Looking it up.");
        assertThat(reply.toolCalls()).extracting(ToolCall::id).containsExactly("toolu_1", "toolu_2");
        assertThat(reply.toolCalls()).extracting(ToolCall::arguments)
                .containsExactly(Map.of("topic", "bees1"), Map.of("topic", "bees2"));
    }

    @Test
    void geminiFunctionCallsWithNonStringArgumentsAreAllReturned() throws Exception {
        ModelReply reply = reply(ModelRef.GEMINI, "/v1beta", exchange -> LoopbackServer.event(
                LoopbackServer.startStream(exchange, "text/event-stream"), null, "{\"candidates\":[{\"content\":"
                        + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"research\",\"args\":{\"topic\":"
                        + "\"bees\"}}},{\"functionCall\":{\"name\":\"research\",\"args\":{\"topic\":\"ants\",\"n\":3}}}]},"
                        + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":8,"
                        + "\"candidatesTokenCount\":4,\"totalTokenCount\":12}}"));

        assertThat(reply.toolCalls()).extracting(ToolCall::arguments)
                .containsExactly(Map.of("topic", "bees"), Map.of("topic", "ants", "n", "3"));
        assertThat(reply.toolCalls()).extracting(ToolCall::id).doesNotHaveDuplicates();
    }

    @Test
    void emptyOrBrokenArgumentsAndAnUnknownToolReachTheEngineForItToAnswer() throws Exception {
        ModelReply reply = reply(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> OpenAiChunks.stream(
                LoopbackServer.startStream(exchange, "text/event-stream"), OpenAiChunks.content("Trying."),
                OpenAiChunks.toolCall(0, "c1", "research", ""), OpenAiChunks.toolCall(1, "c2", "research", "topic=bees"),
                OpenAiChunks.toolCall(2, "c3", "no_such_tool", "{}"), OpenAiChunks.finish("tool_calls")));

        assertThat(reply.text()).isEqualTo("Trying.");
        assertThat(reply.toolCalls()).containsExactly(new ToolCall("c1", "research", Map.of(), "{}"),
                new ToolCall("c2", "research", Map.of(), "topic=bees"),
                new ToolCall("c3", "no_such_tool", Map.of(), "{}"));
    }

    @Test
    void invalidUtf8InAnAnswerIsReplacedNotFatal() throws Exception {
        ModelReply reply = reply(ModelRef.OPENAI_COMPATIBLE, "/v1", exchange -> {
            OutputStream out = LoopbackServer.startStream(exchange, "text/event-stream");
            byte[] event = ("data: " + OpenAiChunks.content("ABC") + "\n\n").getBytes(StandardCharsets.UTF_8);
            int at = new String(event, StandardCharsets.ISO_8859_1).indexOf("ABC");
            event[at] = (byte) 0xC3; // a lead byte followed by '(' is no UTF-8
            event[at + 1] = (byte) 0x28;
            out.write(event);
            OpenAiChunks.stream(out, OpenAiChunks.finish("stop"));
        });

        assertThat(reply.text()).endsWith("(C").contains("\uFFFD");
    }
}
