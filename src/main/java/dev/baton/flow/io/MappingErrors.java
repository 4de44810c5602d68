package dev.baton.flow.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns Jackson's binding failures into one-line, located {@link FlowLoadException}s. The wording is built from the
 * exception's type and the JSON tree, not from Jackson's message text, so that it stays stable across versions.
 */
final class MappingErrors {

    /** The check types in the order the format lists them. */
    static final List<String> CHECK_TYPES = List.of("jsonSchema", "regex", "mustContain", "length");

    private MappingErrors() {
    }

    /** A located error for a failure binding {@code root} (whose locations are in {@code sourceMap}). */
    static FlowLoadException translate(JacksonException e, JsonNode root, SourceMap sourceMap) {
        String pointer = e instanceof JsonMappingException m ? pointerOf(m.getPath()) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return new FlowLoadException(sourceMap.describe(pointer), "unknown field '" + Messages.quote(
                    u.getPropertyName()) + "'; expected one of: " + known(u.getReferringClass(),
                    u.getKnownPropertyIds()));
        }
        if (e instanceof InvalidTypeIdException t) {
            String at = pointer.endsWith("/type") ? pointer : pointer + "/type";
            String types = String.join(", ", CHECK_TYPES);
            JsonNode type = root.at(at);
            String reason = type.isMissingNode() || type.isNull()
                    ? "missing check 'type'; expected one of: " + types
                    : !type.isTextual()
                    ? "expected the check type as a string, one of: " + types + ", found " + describeNode(type)
                    : "unknown check type '" + Messages.quote(type.asText()) + "'; expected one of: " + types;
            return new FlowLoadException(sourceMap.describe(at), reason);
        }
        JsonNode found = root.at(pointer);
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> target = m.getTargetType();
            if (target.isEnum()) {
                String allowed = Arrays.stream(target.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", "));
                String field = lastSegment(pointer);
                String reason = found.isTextual()
                        ? "unknown " + field + " '" + Messages.quote(found.asText()) + "'; expected one of: " + allowed
                        : "expected one of: " + allowed + " (as a string), found " + describeNode(found);
                return new FlowLoadException(sourceMap.describe(pointer), reason);
            }
            return new FlowLoadException(sourceMap.describe(pointer),
                    "expected " + describeType(target) + ", found " + describeNode(found));
        }
        if (found.isNumber()) {
            return new FlowLoadException(sourceMap.describe(pointer), "the number " + Messages.quote(found.asText())
                    + " is out of range here");
        }
        return new FlowLoadException(sourceMap.describe(pointer),
                "cannot read this value: " + Messages.quote(e.getOriginalMessage()));
    }

    /** The JSON pointer of a Jackson reference path. */
    static String pointerOf(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                sb.append('/').append(LocatingReader.escape(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                sb.append('/').append(ref.getIndex());
            }
        }
        return sb.toString();
    }

    /** "a string", "an object", "null" … for the value found in the document. */
    static String describeNode(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isIntegralNumber() ? "the integer " + node.asText() : "the number " + node.asText();
    }

    private static String describeType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || JsonNode.class.isAssignableFrom(type)
                || type.isInterface()) {
            return "an object";
        }
        return "a different kind of value";
    }

    /** The known fields in the order the format writes them (a DTO record's component order). */
    private static String known(Class<?> dto, Collection<Object> ids) {
        if (dto != null && dto.isRecord()) {
            return Arrays.stream(dto.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.joining(", "));
        }
        return ids == null ? "" : ids.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }

    private static String lastSegment(String pointer) {
        int slash = pointer.lastIndexOf('/');
        String last = slash < 0 ? pointer : pointer.substring(slash + 1);
        return last.isEmpty() || Character.isDigit(last.charAt(0)) ? "value" : last;
    }
}
