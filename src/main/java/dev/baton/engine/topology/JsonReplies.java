package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.step.StepContext;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the JSON object a model was asked for, tolerating code fences and text around it. */
final class JsonReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReplies() {
    }

    /** A JSON reply read: the object, or why there is none. */
    record Parsed(JsonNode json, String error) { }

    /**
     * Asks a critic's or judge's model for the JSON object it must return; a reply that is not one is asked for again
     * once, with the parse error in the message (recorded as a FORMAT retry). {@code check} says what a parsed object
     * lacks, or null when it is good. Throws, naming {@code what}, when the second reply is no better.
     */
    static Parsed ask(StepContext run, AgentNode node, List<ChatMessage> first, String what,
                      Function<JsonNode, String> check) throws StepException {
        List<ChatMessage> messages = new ArrayList<>(first);
        String error = null;
        String text = "";
        for (int attempt = 1; attempt <= 2; attempt++) {
            ModelReply reply = run.callModel(node, messages, List.of(), true, attempt);
            text = reply.text();
            Parsed parsed = parse(text);
            error = parsed.json() == null ? parsed.error() : check.apply(parsed.json());
            if (error == null) {
                return parsed;
            }
            if (attempt == 1) {
                run.retried(node.id(), "", "FORMAT", 2, "the reply was not " + what + ": " + error);
                messages.add(new ChatMessage.Assistant(text, List.of()));
                messages.add(new ChatMessage.User("Your reply could not be read as " + what + ": " + error
                        + ". Answer again with only that JSON object, no other text."));
            }
        }
        throw StepException.failed(node.id(), node.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + node.id()
                + "' did not answer " + what + ", asked twice (" + error + "): " + CriticLoop.abbreviate(text));
    }

    /** The first-to-last-brace object in the text, or why there is none. */
    static Parsed parse(String text) {
        String t = CriticChecks.stripFences(text);
        int start = t.indexOf('{');
        int end = t.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return new Parsed(null, "the reply holds no JSON object");
        }
        try {
            JsonNode node = JSON.readTree(t.substring(start, end + 1));
            return node != null && node.isObject() ? new Parsed(node, null)
                    : new Parsed(null, "the reply holds no JSON object");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Parsed(null, "invalid JSON: " + e.getOriginalMessage());
        }
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
