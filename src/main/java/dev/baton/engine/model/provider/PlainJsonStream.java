package dev.baton.engine.model.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Many local servers and proxies ignore {@code stream: true} and answer one plain {@code chat.completion} object.
 * This reads such a body as the event stream it stands for (one chunk with the whole message, one with the usage,
 * then {@code [DONE]}), so the answer is accepted instead of being read as an empty stream. A real event stream never
 * starts with '{' (its lines start with a field name such as {@code data:}), so sniffing the first byte is safe.
 */
final class PlainJsonStream {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Leading whitespace looked through before deciding; a stream's first field comes well before this. */
    private static final int SNIFF_LIMIT = 8192;
    /** A plain body longer than this is refused: a reply the engine accepts (1,000,000 characters) fits well. */
    static final int MAX_PLAIN_JSON_BYTES = 8 * 1024 * 1024;

    /** The server answered plain JSON that is an error object or no chat completion; the message says which. */
    static final class PlainJsonReplyException extends RuntimeException {
        PlainJsonReplyException(String message) {
            super(message);
        }
    }

    private PlainJsonStream() {
    }

    /**
     * The body to hand to the event-stream parser: unchanged when it is an event stream, else the equivalent stream.
     *
     * @throws PlainJsonReplyException when the body is plain JSON but not a chat completion (an error object keeps
     *                                 its JSON as the message, so that {@link ErrorClassifier} reads its type)
     */
    static InputStream asEventStream(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, SNIFF_LIMIT);
        in.mark(SNIFF_LIMIT);
        int first = firstNonBlank(in);
        in.reset();
        if (first != '{') {
            return in;
        }
        byte[] bytes = in.readNBytes(MAX_PLAIN_JSON_BYTES + 1);
        if (bytes.length > MAX_PLAIN_JSON_BYTES) {
            // a body that never ends must not fill the memory; no real answer comes near this
            throw new PlainJsonReplyException("the server answered a streamed request with a plain JSON body of "
                    + "more than " + MAX_PLAIN_JSON_BYTES / (1024 * 1024) + " MB");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException notJson) {
            throw new PlainJsonReplyException("the server answered a streamed request with a body that is neither"
                    + " an event stream nor JSON: " + notJson.getMessage());
        }
        if (root.path("error").isObject()) {
            throw new PlainJsonReplyException(root.toString());
        }
        if (!root.path("choices").isArray()) {
            throw new PlainJsonReplyException("the server answered a streamed request with plain JSON that is no"
                    + " chat completion (no \"choices\"): " + new String(bytes, StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(events(root).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * For the protocols other than OpenAI's, which have no plain-JSON form of a streamed reply: the body unchanged
     * when it is an event stream, else the error it holds ({@link StreamProtocol.ErrorInStream}, classified by its
     * type) or a {@link PlainJsonReplyException} saying the server answered JSON where events were due.
     */
    static InputStream eventStreamOrError(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, SNIFF_LIMIT);
        in.mark(SNIFF_LIMIT);
        int first = firstNonBlank(in);
        in.reset();
        if (first != '{' && first != '[') {
            return in;
        }
        byte[] bytes = in.readNBytes(MAX_PLAIN_JSON_BYTES);
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException notJson) {
            root = null;
        }
        // Gemini's REST errors are an object, sometimes wrapped in an array
        JsonNode holder = root != null && root.isArray() && root.size() > 0 ? root.get(0) : root;
        if (holder != null && holder.isObject() && holder.hasNonNull("error")) {
            throw new StreamProtocol.ErrorInStream(holder.toString(), null);
        }
        String start = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
        throw new PlainJsonReplyException("the server answered a streamed request with plain JSON, not an event "
                + "stream: " + start);
    }

    private static int firstNonBlank(InputStream in) throws IOException {
        for (int i = 0; i < SNIFF_LIMIT; i++) {
            int b = in.read();
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    /** The completion as {@code chat.completion.chunk} events: message as delta, usage apart, then [DONE]. */
    private static String events(JsonNode completion) {
        StringBuilder sse = new StringBuilder();
        ObjectNode chunk = header(completion);
        ArrayNode choices = chunk.putArray("choices");
        for (JsonNode choice : completion.path("choices")) {
            ObjectNode c = choices.addObject();
            c.set("index", choice.path("index").isMissingNode() ? JSON.getNodeFactory().numberNode(0)
                    : choice.get("index"));
            ObjectNode delta = choice.path("message").isObject() ? ((ObjectNode) choice.get("message")).deepCopy()
                    : JSON.createObjectNode();
            // A delta's tool calls carry their position, which a whole message leaves implicit.
            JsonNode calls = delta.path("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i) instanceof ObjectNode call && !call.has("index")) {
                    call.put("index", i);
                }
            }
            c.set("delta", delta);
            c.set("finish_reason", choice.path("finish_reason").isMissingNode()
                    ? JSON.getNodeFactory().nullNode() : choice.get("finish_reason"));
        }
        sse.append("data: ").append(chunk).append("\n\n");
        if (completion.path("usage").isObject()) {
            ObjectNode usage = header(completion);
            usage.putArray("choices");
            usage.set("usage", completion.get("usage"));
            sse.append("data: ").append(usage).append("\n\n");
        }
        return sse.append("data: [DONE]\n\n").toString();
    }

    private static ObjectNode header(JsonNode completion) {
        ObjectNode chunk = JSON.createObjectNode();
        for (String field : new String[] {"id", "created", "model", "system_fingerprint"}) {
            if (completion.has(field)) {
                chunk.set(field, completion.get(field));
            }
        }
        chunk.put("object", "chat.completion.chunk");
        return chunk;
    }
}
