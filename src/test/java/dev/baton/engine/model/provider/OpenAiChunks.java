package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;

/** Builds OpenAI chat-completion stream chunks ({@code chat.completion.chunk}) for the loopback server. */
final class OpenAiChunks {

    static final String MODEL = "fake-gpt-2026-11-01";

    private OpenAiChunks() {
    }

    static String content(String text) {
        ObjectNode delta = LoopbackServer.JSON.createObjectNode();
        delta.put("role", "assistant");
        delta.put("content", text);
        return chunk(delta, null);
    }

    /** A tool call fragment; {@code id} and {@code name} only on the first fragment of a call, as OpenAI does. */
    static String toolCall(int index, String id, String name, String argumentsFragment) {
        ObjectNode call = LoopbackServer.JSON.createObjectNode();
        call.put("index", index);
        if (id != null) {
            call.put("id", id);
            call.put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", argumentsFragment);
        ObjectNode delta = LoopbackServer.JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta, null);
    }

    static String finish(String reason) {
        return chunk(LoopbackServer.JSON.createObjectNode(), reason);
    }

    /** The final chunk a client asking for {@code stream_options.include_usage} receives: no choices, usage. */
    static String usage(int prompt, int completion) {
        ObjectNode root = base();
        root.putArray("choices");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        return root.toString();
    }

    /** Streams {@code chunks} as server-sent events and ends with {@code data: [DONE]}. */
    static void stream(OutputStream out, String... chunks) throws IOException {
        for (String chunk : chunks) {
            LoopbackServer.event(out, null, chunk);
        }
        LoopbackServer.event(out, null, "[DONE]");
    }

    private static String chunk(ObjectNode delta, String finishReason) {
        ObjectNode root = base();
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root.toString();
    }

    private static ObjectNode base() {
        ObjectNode root = LoopbackServer.JSON.createObjectNode();
        root.put("id", "chatcmpl-loopback");
        root.put("object", "chat.completion.chunk");
        root.put("created", 1_790_000_000L);
        root.put("model", MODEL);
        return root;
    }
}
