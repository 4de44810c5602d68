package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.ModelException.Kind;
import dev.langchain4j.http.client.sse.ServerSentEvent;

import java.util.regex.Pattern;

/**
 * What Baton checks in each provider's stream before LangChain4j reads it: the marker of a complete reply, an error
 * sent inside a 200 stream (which LangChain4j would skip as an event it does not know), and the shapes real servers
 * send that LangChain4j cannot read (an OpenAI-compatible server's tool arguments as an object; several Ollama tool
 * calls without an index, which LangChain4j merges into one).
 */
enum StreamProtocol {

    /** OpenAI's chat completions: {@code data: [DONE]}, or a chunk with a finish reason. */
    OPENAI("^\\s*\\[DONE]\\s*$|\"finish_reason\"\\s*:\\s*\""),
    /** Anthropic's messages: the {@code message_stop} event (by its name or its data's type). */
    ANTHROPIC("^message_stop$|\"type\"\\s*:\\s*\"message_stop\""),
    /** Gemini: the last candidate chunk carries a finish reason. */
    GEMINI("\"finishReason\"\\s*:\\s*\""),
    /** Ollama's JSON lines: the last one says it is done. */
    OLLAMA("\"done\"\\s*:\\s*true");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pattern endMarker;

    StreamProtocol(String endMarker) {
        this.endMarker = Pattern.compile(endMarker);
    }

    /** An error a provider sent inside a 200 stream; its message is the provider's JSON (or says what happened). */
    static final class ErrorInStream extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Kind kind;

        ErrorInStream(String message, Kind kind) {
            super(message);
            this.kind = kind;
        }

        /** The kind when the event itself says it; null to read it from the error body. */
        Kind kind() {
            return kind;
        }
    }

    /** Whether this event (data or name) says the reply is complete. */
    boolean isEnd(ServerSentEvent event) {
        return matches(event.data()) || matches(event.event());
    }

    private boolean matches(String text) {
        return text != null && endMarker.matcher(text).find();
    }

    /** The error this event carries, or null: a JSON object with an {@code error} member and no answer beside it. */
    ErrorInStream errorIn(ServerSentEvent event) {
        String data = event.data();
        if (data == null) {
            return null;
        }
        if (this == OLLAMA && !data.isBlank() && !data.stripLeading().startsWith("{")) {
            // an HTML page or plain text where JSON lines were due: no Ollama (a proxy, a wrong port)
            String start = data.strip();
            return new ErrorInStream("the server's reply is not Ollama's JSON lines: "
                    + (start.length() > 200 ? start.substring(0, 200) + " …" : start), Kind.INVALID_RESPONSE);
        }
        boolean mayBeError = data.contains("\"error\""); // also {"object":"error"}
        boolean mayBeBlocked = this == GEMINI && data.contains("\"blockReason\"");
        if (!mayBeError && !mayBeBlocked) {
            return null;
        }
        JsonNode root = ErrorClassifier.jsonObject(data);
        if (root == null) {
            return null;
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull() && !root.has("choices") && !root.has("candidates")
                && !root.has("message")) {
            return new ErrorInStream(root.toString(), null);
        }
        if (this == OPENAI && "error".equals(root.path("object").asText()) && !root.has("choices")) {
            // older vLLM: the error object itself as the event ({"object":"error","message":…,"code":400})
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set("error", root);
            return new ErrorInStream(wrapped.toString(), null);
        }
        if (mayBeBlocked && !root.path("candidates").isArray()) {
            // Gemini's answer to a prompt its safety filters refused: no candidate, and no finish reason either.
            String reason = root.path("promptFeedback").path("blockReason").asText("");
            if (!reason.isEmpty()) {
                return new ErrorInStream("Gemini blocked the prompt (" + reason + "); rephrase the task or the "
                        + "input", Kind.CLIENT_ERROR);
            }
        }
        return null;
    }

    /** The event LangChain4j can read: unchanged unless it holds one of the shapes it cannot. */
    ServerSentEvent normalise(ServerSentEvent event, int[] toolCallsSeen) {
        String data = event.data();
        if (data == null) {
            return event;
        }
        if (this == OPENAI && data.contains("\"arguments\"")) {
            JsonNode root = ErrorClassifier.jsonObject(data);
            if (root != null && argumentsAsText(root)) {
                return new ServerSentEvent(event.event(), root.toString());
            }
        } else if (this == OLLAMA && data.contains("\"tool_calls\"")) {
            JsonNode root = ErrorClassifier.jsonObject(data);
            if (root != null && indexToolCalls(root, toolCallsSeen)) {
                return new ServerSentEvent(event.event(), root.toString());
            }
        }
        return event;
    }

    /** Some compatible servers send a call's arguments as a JSON object where OpenAI sends its text. */
    private static boolean argumentsAsText(JsonNode root) {
        boolean changed = false;
        for (JsonNode choice : root.path("choices")) {
            for (String part : new String[] {"delta", "message"}) {
                for (JsonNode call : choice.path(part).path("tool_calls")) {
                    if (call.path("function") instanceof ObjectNode function) {
                        JsonNode arguments = function.get("arguments");
                        if (arguments != null && (arguments.isObject() || arguments.isArray())) {
                            function.put("arguments", arguments.toString());
                            changed = true;
                        }
                    }
                }
            }
        }
        return changed;
    }

    /** Ollama streams whole calls; one without an index is numbered after every call seen so far in the reply. */
    private static boolean indexToolCalls(JsonNode root, int[] toolCallsSeen) {
        boolean changed = false;
        for (JsonNode call : root.path("message").path("tool_calls")) {
            if (call.path("function") instanceof ObjectNode function) {
                if (function.path("index").isIntegralNumber()) {
                    toolCallsSeen[0] = Math.max(toolCallsSeen[0], function.get("index").asInt() + 1);
                } else {
                    function.put("index", toolCallsSeen[0]++);
                    changed = true;
                }
            }
        }
        return changed;
    }

}
