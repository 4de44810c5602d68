package dev.baton.flow.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One streaming pass over a flow document that builds its JSON tree and, beside it, where every value starts (JSON
 * pointer to line:column). The same pass refuses what must never reach the mapping: syntax errors, duplicate keys,
 * nesting deeper than {@link #MAX_DEPTH}, oversized strings, and anything that looks like a credential.
 */
final class LocatingReader {

    /** Deepest nesting of objects and arrays accepted (a flow needs about 8; JSON Schemas in checks a few more). */
    static final int MAX_DEPTH = 64;
    /** Longest string value accepted, in characters. */
    static final int MAX_STRING_CHARS = 1 << 20;
    /** Largest document accepted, in characters. */
    static final int MAX_DOCUMENT_CHARS = 8 << 20;
    /** Longest field name accepted, in characters. */
    static final int MAX_NAME_CHARS = 4096;

    // Jackson's own limits sit just above ours, as a backstop: ours fire first and say what happened in plain words.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 2)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_NAME_CHARS)
                    .maxDocumentLength(MAX_DOCUMENT_CHARS + 1L)
                    .maxNumberLength(100)
                    .build())
            .build();

    /** The tree of a document and where each of its values starts. */
    record Result(ObjectNode root, SourceMap sourceMap) {
    }

    private final JsonParser parser;
    private final Map<String, TextLocation> locations = new HashMap<>();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private String currentPointer = "";

    private LocatingReader(JsonParser parser) {
        this.parser = parser;
    }

    /** Reads a whole document whose root must be an object. */
    static Result read(String json) throws FlowLoadException {
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new FlowLoadException(FlowJson.WHOLE_DOCUMENT, "the document is too large (" + json.length()
                    + " characters; at most " + MAX_DOCUMENT_CHARS + " are read)");
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            return new LocatingReader(parser).readDocument();
        } catch (StreamConstraintsException e) {
            throw new FlowLoadException(locationOf(e.getLocation(), "/"), limitReason(e));
        } catch (JsonProcessingException e) {
            throw new FlowLoadException(locationOf(e.getLocation(), "/"), "invalid JSON: " + syntaxReason(e));
        } catch (IOException e) {
            throw new FlowLoadException(FlowJson.WHOLE_DOCUMENT, "could not read the document: "
                    + Messages.quote(e.getMessage()));
        }
    }

    private Result readDocument() throws IOException, FlowLoadException {
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw located(e);
        }
        if (first == null) {
            throw new FlowLoadException(FlowJson.WHOLE_DOCUMENT,
                    "the document is empty; a flow file is a JSON object starting with \"format\": \""
                            + FlowJson.FORMAT + "\"");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new FlowLoadException(here() + " /", "a flow file must be a JSON object, found "
                    + describeToken(first));
        }
        ObjectNode root = (ObjectNode) readValue("", 1);
        JsonToken after;
        try {
            after = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw located(e);
        }
        if (after != null) {
            throw new FlowLoadException(here() + " /",
                    "invalid JSON: unexpected content after the end of the flow object");
        }
        return new Result(root, new SourceMap(locations));
    }

    /** Reads the value at the current token; the parser is left on its last token. */
    private JsonNode readValue(String pointer, int depth) throws IOException, FlowLoadException {
        currentPointer = pointer;
        JsonToken token = parser.currentToken();
        locations.put(pointer, textLocation(parser.currentTokenLocation()));
        try {
            return readScalarOrContainer(token, pointer, depth);
        } catch (JsonProcessingException e) {
            // an oversized string or number is only noticed when its text is read, here
            throw located(e);
        }
    }

    private JsonNode readScalarOrContainer(JsonToken token, String pointer, int depth)
            throws IOException, FlowLoadException {
        return switch (token) {
            case START_OBJECT -> readObject(pointer, depth);
            case START_ARRAY -> readArray(pointer, depth);
            case VALUE_STRING -> {
                String text = parser.getText();
                rejectSecret(SecretScanner.checkValue(text), pointer);
                yield nodes.textNode(text);
            }
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> {
                double value = parser.getDoubleValue();
                // 1e400 parses as infinity, which JSON cannot write back: refuse it where it stands
                if (!Double.isFinite(value)) {
                    throw new FlowLoadException(here() + " " + shown(pointer), "the number is out of range");
                }
                yield nodes.numberNode(value);
            }
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new FlowLoadException(here() + " " + shown(pointer),
                    "invalid JSON: unexpected " + describeToken(token));
        };
    }

    private ObjectNode readObject(String pointer, int depth) throws IOException, FlowLoadException {
        checkDepth(pointer, depth);
        ObjectNode object = nodes.objectNode();
        while (next() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String child = pointer + "/" + escape(name);
            String nameLocation = here() + " " + child;
            // the refused name may itself be a key: the location names the object and a placeholder, never the name
            rejectSecret(SecretScanner.checkFieldName(name), pointer + "/" + SECRET_NAME_PLACEHOLDER);
            if (object.has(name)) {
                throw new FlowLoadException(nameLocation, "duplicate field '" + Messages.quote(name)
                        + "'; each field may appear once per object");
            }
            next();
            object.set(name, readValue(child, depth + 1));
            currentPointer = pointer;
        }
        return object;
    }

    private ArrayNode readArray(String pointer, int depth) throws IOException, FlowLoadException {
        checkDepth(pointer, depth);
        ArrayNode array = nodes.arrayNode();
        while (next() != JsonToken.END_ARRAY) {
            array.add(readValue(pointer + "/" + array.size(), depth + 1));
            currentPointer = pointer;
        }
        return array;
    }

    private JsonToken next() throws IOException, FlowLoadException {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new FlowLoadException(here() + " " + shown(currentPointer),
                        "invalid JSON: the document ends before this value is closed");
            }
            return token;
        } catch (JsonProcessingException e) {
            throw located(e);
        }
    }

    private FlowLoadException located(JsonProcessingException e) {
        JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentTokenLocation();
        String location = locationOf(where, shown(currentPointer));
        if (e instanceof StreamConstraintsException) {
            return new FlowLoadException(location, limitReason(e));
        }
        return new FlowLoadException(location, "invalid JSON: " + syntaxReason(e));
    }

    private void checkDepth(String pointer, int depth) throws FlowLoadException {
        if (depth > MAX_DEPTH) {
            throw new FlowLoadException(here() + " " + shown(pointer),
                    "nesting deeper than " + MAX_DEPTH + " levels is not accepted");
        }
    }

    /** Stands for a field name refused as a secret in an error's JSON pointer. */
    static final String SECRET_NAME_PLACEHOLDER = "<field name not shown>";

    private void rejectSecret(Optional<String> reason, String pointer) throws FlowLoadException {
        if (reason.isPresent()) {
            throw new FlowLoadException(here() + " " + shown(pointer), reason.get());
        }
    }

    private String here() {
        return textLocation(parser.currentTokenLocation()).toString();
    }

    private static TextLocation textLocation(JsonLocation location) {
        return new TextLocation(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    /** "line:column pointer"; the document start when Jackson knows no position. */
    private static String locationOf(JsonLocation location, String pointer) {
        if (location == null || location.getLineNr() < 1) {
            return pointer.isEmpty() || "/".equals(pointer) ? FlowJson.WHOLE_DOCUMENT : pointer;
        }
        return textLocation(location) + " " + shown(pointer);
    }

    private static String shown(String pointer) {
        return pointer.isEmpty() ? "/" : pointer;
    }

    /** JSON pointer escaping of one reference token (RFC 6901). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String describeToken(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + token.asString() + "'";
        };
    }

    /** Jackson's message without its source excerpt ("[Source: …]"), on one line, never echoing a key. */
    private static String syntaxReason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "malformed input" : e.getOriginalMessage();
        message = message.replaceAll("\\s*\\(start marker at \\[[^\\]]*\\][^)]*\\)", "")
                .replaceAll("\\s*\\[Source:[^\\]]*\\]", "");
        return Messages.oneLine(SecretScanner.redact(message));
    }

    private static String limitReason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.contains("String value length")) {
            return "a string is longer than " + MAX_STRING_CHARS + " characters";
        }
        if (message.contains("Name length")) {
            return "a field name is longer than " + MAX_NAME_CHARS + " characters";
        }
        if (message.contains("Number value length")) {
            return "a number has too many digits";
        }
        if (message.contains("nesting depth")) {
            return "nesting deeper than " + MAX_DEPTH + " levels is not accepted";
        }
        if (message.contains("Document length")) {
            return "the document is too large (at most " + MAX_DOCUMENT_CHARS + " characters are read)";
        }
        return "the document exceeds a safety limit of the reader";
    }
}
