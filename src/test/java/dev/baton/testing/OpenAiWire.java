package dev.baton.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** OpenAI chat-completions wire shapes: whole {@code chat.completion} objects, stream chunks, error bodies. */
final class OpenAiWire {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long CREATED = 1_790_000_000L;

    private OpenAiWire() {
    }

    /** A complete non-streamed answer: text (may be null) and/or tool calls, with usage. */
    static String completion(String id, String model, String text, List<ScriptedReply.Call> calls, int prompt,
                             int completion) {
        ObjectNode root = base(id, model, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (text == null) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (ScriptedReply.Call call : calls) {
                ObjectNode node = toolCalls.addObject();
                node.put("id", call.id());
                node.put("type", "function");
                ObjectNode function = node.putObject("function");
                function.put("name", call.name());
                function.put("arguments", call.arguments());
            }
        }
        choice.put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls");
        root.set("usage", usage(prompt, completion));
        return root.toString();
    }

    /** A streamed content fragment. */
    static String contentChunk(String id, String model, String text) {
        ObjectNode delta = JSON.createObjectNode();
        delta.put("role", "assistant");
        delta.put("content", text);
        return chunk(id, model, delta, null);
    }

    /** A streamed tool call fragment; {@code id} and {@code name} only on a call's first fragment, as OpenAI does. */
    static String toolCallChunk(String id, String model, int index, String callId, String name, String arguments) {
        ObjectNode call = JSON.createObjectNode();
        call.put("index", index);
        if (callId != null) {
            call.put("id", callId);
            call.put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", arguments);
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(id, model, delta, null);
    }

    static String finishChunk(String id, String model, String reason) {
        return chunk(id, model, JSON.createObjectNode(), reason);
    }

    /** The last chunk of a stream with {@code stream_options.include_usage}: no choices, usage. */
    static String usageChunk(String id, String model, int prompt, int completion) {
        ObjectNode root = base(id, model, "chat.completion.chunk");
        root.putArray("choices");
        root.set("usage", usage(prompt, completion));
        return root.toString();
    }

    /** OpenAI's error body. */
    static String error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return root.toString();
    }

    /** {@code GET /v1/models}. */
    static String models(List<String> ids) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : ids) {
            ObjectNode model = data.addObject();
            model.put("id", id);
            model.put("object", "model");
            model.put("created", CREATED);
            model.put("owned_by", "scripted");
        }
        return root.toString();
    }

    /** Sends a whole body with this status and content type. */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a 200 {@code text/event-stream} reply of unknown length (chunked). */
    static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** One server-sent event, flushed at once. */
    static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode usage(int prompt, int completion) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        return usage;
    }

    private static String chunk(String id, String model, ObjectNode delta, String finishReason) {
        ObjectNode root = base(id, model, "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root.toString();
    }

    private static ObjectNode base(String id, String model, String object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", CREATED);
        root.put("model", model);
        return root;
    }
}
