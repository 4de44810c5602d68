package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks a call's arguments against its tool's JSON Schema with networknt's validator (draft 2020-12, the one the
 * critic's schema checks use), so that a model's bad arguments reach the tool never and the model reads what was wrong.
 */
final class ArgumentValidator {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /** Compiled schemas by their text: compiling costs far more than validating. */
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** The compiled schema of each tool this validator has seen: a tool's parameters do not change. */
    private final Map<Tool, JsonSchema> byTool = new ConcurrentHashMap<>();

    /** Null when the arguments fit {@code tool}'s parameter schema, else every complaint in one line. */
    String problems(Tool tool, JsonNode arguments) {
        // the descriptor (and its schema text) is made once per tool, not once per call
        return problems(byTool.computeIfAbsent(tool, t -> compile(t.descriptor().parameters())), arguments);
    }

    private JsonSchema compile(ObjectNode schema) {
        return compiled.computeIfAbsent(schema.toString(), k -> FACTORY.getSchema(schema));
    }

    /** Null when the arguments fit the schema, else every complaint in one line. */
    String problems(ObjectNode schema, JsonNode arguments) {
        return problems(compile(schema), arguments);
    }

    private static String problems(JsonSchema s, JsonNode arguments) {
        Set<ValidationMessage> errors = s.validate(arguments);
        if (errors.isEmpty()) {
            return null;
        }
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }
}
