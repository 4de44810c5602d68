package dev.baton.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.secret.Redactor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Redaction of JSON by value: every string and field name goes through the redactor, the structure stays. Redacting
 * JSON as text could swallow the backslash of an escaped quote and break the document.
 */
public final class RedactedJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RedactedJson() {
    }

    /** The same tree (changed in place where it holds objects and arrays) with every text redacted. */
    public static JsonNode tree(JsonNode node, Redactor redactor) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String redacted = redactor.redact(text);
            return redacted.equals(text) ? node : TextNode.valueOf(redacted);
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, tree(array.get(i), redactor));
            }
        } else if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            object.removeAll();
            for (Map.Entry<String, JsonNode> f : fields) {
                object.set(redactor.redact(f.getKey()), tree(f.getValue(), redactor));
            }
        }
        return node;
    }

    /** JSON text redacted by value; text that is not JSON is redacted as plain text. Null stays null. */
    public static String text(String json, Redactor redactor) {
        if (json == null) {
            return null;
        }
        try {
            String redacted = JSON.writeValueAsString(tree(JSON.readTree(json), redactor));
            // unchanged values keep their exact text (the stored payload is what a hash covers)
            return redacted.equals(JSON.writeValueAsString(JSON.readTree(json))) ? json : redacted;
        } catch (JsonProcessingException e) {
            return redactor.redact(json);
        }
    }
}
