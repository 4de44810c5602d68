package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Reads the JSON object a model was asked for, tolerating code fences and text around it. */
final class JsonReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReplies() {
    }

    /** A JSON reply read: the object, or why there is none. */
    record Parsed(JsonNode json, String error) { }

    /**
     * One exchange with a critic's or judge's model for the JSON object it must return, as decisions: a reply that is
     * not one is asked for again once, with the parse error in the message (the executor records it as a FORMAT
     * retry); then the exchange fails, naming {@code what}. {@code check} says what a parsed object lacks, or null
     * when it is good. Deterministic given the replies it is fed.
     */
    static final class Exchange {
        private final AgentNode node;
        private final String what;
        private final Function<JsonNode, String> check;
        private final List<ChatMessage> messages;
        private int attempt = 1;
        private JsonNode json;
        private String retry;

        Exchange(AgentNode node, List<ChatMessage> first, String what, Function<JsonNode, String> check) {
            this.node = node;
            this.what = what;
            this.check = check;
            this.messages = new ArrayList<>(first);
        }

        /** The first question. */
        Action.AskModel start() {
            return new Action.AskModel(messages, List.of(), 1, true);
        }

        /** Done (the object is {@link #json()}), the question again, or Fail after the second bad reply. */
        Action onReply(ModelReply reply) {
            String text = reply.text();
            Parsed parsed = parse(text);
            String error = parsed.json() == null ? parsed.error() : check.apply(parsed.json());
            if (error == null) {
                json = parsed.json();
                return new Action.Done(text);
            }
            if (attempt == 1) {
                attempt = 2;
                retry = "the reply was not " + what + ": " + error;
                messages.add(new ChatMessage.Assistant(text, List.of()));
                messages.add(new ChatMessage.User("Your reply could not be read as " + what + ": " + error
                        + ". Answer again with only that JSON object, no other text."));
                return new Action.AskModel(messages, List.of(), 2, true);
            }
            return new Action.Fail(StepException.failed(node.id(), node.kind().name().toLowerCase(Locale.ROOT)
                    + " '" + node.id() + "' did not answer " + what + ", asked twice (" + error + "): "
                    + abbreviate(text)));
        }

        /** The object read, once done. */
        JsonNode json() {
            return json;
        }

        /** Why the question was asked again, once (then null): the executor records it as a FORMAT retry. */
        String takeRetry() {
            String r = retry;
            retry = null;
            return r;
        }
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

    /** The text on one line, at most 200 characters: a bad reply quoted in a failure. */
    static String abbreviate(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
