package dev.baton.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request as {@link ScriptedOpenAiServer} received it: method, path, headers and the body parsed as JSON (clients
 * pretty-print, so tests look at fields, never at substrings of the raw text).
 *
 * @param index   1-based arrival order over the whole server (the n-th request)
 * @param method  HTTP method
 * @param path    request path, e.g. {@code /v1/chat/completions}
 * @param headers request headers as received
 * @param body    the parsed JSON body, or null when there was none (or it was not JSON)
 */
public record ScriptedRequest(int index, String method, String path, Map<String, List<String>> headers, JsonNode body) {

    /** The first value of a header, case-insensitive, or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** True when the client asked for a streamed reply ({@code "stream": true}). */
    public boolean streamed() {
        return body != null && body.path("stream").asBoolean(false);
    }

    /** The {@code model} the client named, or "" when none. */
    public String model() {
        return body == null ? "" : body.path("model").asText("");
    }

    /** The chat messages, in order (empty when the body holds none). */
    public List<JsonNode> messages() {
        List<JsonNode> messages = new ArrayList<>();
        if (body != null) {
            body.path("messages").forEach(messages::add);
        }
        return messages;
    }

    /** The text of every message of this role, in order; content given as parts is joined. */
    public List<String> texts(String role) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : messages()) {
            if (role.equals(message.path("role").asText())) {
                texts.add(text(message.path("content")));
            }
        }
        return texts;
    }

    /** All system messages joined by a newline ("" when there is none). */
    public String systemText() {
        return String.join("\n", texts("system"));
    }

    /** The text of the last user message, or "" when there is none. */
    public String lastUserText() {
        List<String> users = texts("user");
        return users.isEmpty() ? "" : users.get(users.size() - 1);
    }

    /** The role of the last message ("" when none): "tool" after a tool call was answered. */
    public String lastRole() {
        List<JsonNode> messages = messages();
        return messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("role").asText("");
    }

    /** The results of tool calls sent back to the model ({@code role: tool} messages), in order. */
    public List<String> toolResults() {
        return texts("tool");
    }

    /** The names of the tools (functions) offered with this request. */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>();
        if (body != null) {
            for (JsonNode tool : body.path("tools")) {
                names.add(tool.path("function").path("name").asText());
            }
        }
        return names;
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                joined.append(part.path("text").asText());
            }
        }
        return joined.toString();
    }
}
