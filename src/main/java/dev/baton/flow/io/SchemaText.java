package dev.baton.flow.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text of a {@code jsonSchema} critic check, read with the same Jackson mapper as the flow file: where such a text
 * enters a flow other than through the file (the inspector's check lines), it is refused there, with what is wrong
 * and where, instead of reaching the flow and failing only when the flow is saved.
 */
public final class SchemaText {

    private SchemaText() {
    }

    /** Null when the text is one JSON object (what the flow file stores as a schema), else what is wrong. */
    public static String error(String text) {
        try {
            parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The schema as a JSON object; IllegalArgumentException saying what is wrong (and at which column) if not. */
    static JsonNode parse(String text) {
        JsonNode node;
        try {
            node = CanonicalJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : at.getLineNr() > 1
                    ? " at line " + at.getLineNr() + ", column " + at.getColumnNr()
                    : " at column " + at.getColumnNr();
            throw new IllegalArgumentException("not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object (a schema is one, e.g. {\"type\": \"object\"})");
        }
        return node;
    }
}
