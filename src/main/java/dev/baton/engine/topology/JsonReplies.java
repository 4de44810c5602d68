package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the JSON object a model was asked for, tolerating code fences and text around it. */
final class JsonReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReplies() {
    }

    /** The first-to-last-brace object in the text, or null when there is none or it does not parse. */
    static JsonNode object(String text) {
        String t = CriticChecks.stripFences(text);
        int start = t.indexOf('{');
        int end = t.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(t.substring(start, end + 1));
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }
}
