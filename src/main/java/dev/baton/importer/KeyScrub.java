package dev.baton.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import dev.baton.flow.io.FlowLoadException;
import dev.baton.secret.KeyShape;
import dev.baton.secret.KeyShapes;
import dev.baton.secret.Redactor;

import java.util.Iterator;
import java.util.Map;

/**
 * Keeps keys pasted into a source (a system prompt holding "sk-…", a URL with a password) out of the imported flow
 * and out of the report: every text of the flow that holds one of {@link KeyShapes} is redacted, one note per place.
 * It works on the flow's saved form, so every text field is covered, those added to the format later too.
 */
final class KeyScrub {

    private static final Redactor REDACTOR = Redactor.shapesOnly();
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyScrub() {
    }

    /** The text with every key shape replaced by [REDACTED]; null stays null. */
    static String text(String text) {
        return text == null ? null : REDACTOR.redact(text);
    }

    /** The flow with its key-shaped texts redacted (the same flow when it has none), noted in {@code d}. */
    static Flow flow(Flow flow, FlowDraft d) throws ImportException {
        String saved = FlowJson.write(flow);
        if (!KeyShapes.mayHoldShape(saved)) {
            return flow;
        }
        try {
            JsonNode root = JSON.readTree(saved);
            if (!scrub(root, "", root, d)) {
                return flow;
            }
            return FlowJson.read(JSON.writeValueAsString(root)).flow();
        } catch (JsonProcessingException | FlowLoadException e) {
            throw new ImportException(d.file + ": holds a key-shaped value that could not be taken out of the"
                    + " imported flow; remove it from the source and import again");
        }
    }

    /** Redacts the texts under {@code node} in place; true when any was. */
    private static boolean scrub(JsonNode node, String pointer, JsonNode root, FlowDraft d) {
        boolean any = false;
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String at = pointer + "/" + f.getKey();
                if (f.getValue().isTextual()) {
                    any |= replace(f.getValue().asText(), at, root, d, v -> f.setValue(TextNode.valueOf(v)));
                } else {
                    any |= scrub(f.getValue(), at, root, d);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                String at = pointer + "/" + i;
                if (array.get(i).isTextual()) {
                    any |= replace(array.get(i).asText(), at, root, d, v -> array.set(index, TextNode.valueOf(v)));
                } else {
                    any |= scrub(array.get(i), at, root, d);
                }
            }
        }
        return any;
    }

    private static boolean replace(String value, String pointer, JsonNode root, FlowDraft d,
                                   java.util.function.Consumer<String> set) {
        KeyShape shape = KeyShapes.find(value).orElse(null);
        if (shape == null) {
            return false;
        }
        set.accept(REDACTOR.redact(value));
        d.note(where(pointer, root), "a value that looks like " + shape.description(), "replaced by "
                + Redactor.REDACTED + " in the flow; a key belongs in the environment or ~/.baton/credentials");
        return true;
    }

    /** "node 'writer' instructions" for /nodes/2/instructions; the pointer itself elsewhere. */
    private static String where(String pointer, JsonNode root) {
        String[] parts = pointer.split("/");
        if (parts.length >= 4 && (parts[1].equals("nodes") || parts[1].equals("edges"))) {
            String id = root.path(parts[1]).path(Integer.parseInt(parts[2])).path("id").asText("");
            return "the flow's " + parts[1].substring(0, 4) + " '" + id + "' "
                    + String.join(".", java.util.Arrays.copyOfRange(parts, 3, parts.length));
        }
        return "the flow's " + pointer.substring(1).replace('/', '.');
    }
}
