package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.ValidationMessage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks a call's arguments against its tool's JSON Schema with networknt's validator (draft 2020-12, the one the
 * critic's schema checks use), so that a model's bad arguments reach the tool never and the model reads what was wrong.
 */
final class ArgumentValidator {

    /** Schemas kept compiled at most, over every validator; past it, the least recently used are dropped. */
    static final int MAX_COMPILED = 256;

    private static final JsonSchemaFactory FACTORY = JsonSchemas.FACTORY;

    /**
     * Compiled schemas by their text, shared by every validator: each run has a runner of its own but its tools'
     * schemas are the same as the last run's, and compiling costs far more than validating.
     */
    private static final Map<String, JsonSchema> COMPILED = Collections.synchronizedMap(
            new LinkedHashMap<>(32, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, JsonSchema> eldest) {
                    return size() > MAX_COMPILED;
                }
            });

    /** Compiled schemas by descriptor instance (identity: a record's equality would hash the whole schema). */
    private static final Map<ToolDescriptor, JsonSchema> BY_DESCRIPTOR = new java.util.IdentityHashMap<>();

    /**
     * The compiled schema of each tool this validator has seen, by the tool's name, with the tool it was made for (a
     * tool's parameters do not change). By name and then identity, not by the tool as a key: a tool that is a record
     * (an MCP tool renamed for the model) would hash its whole schema on every call.
     */
    private final Map<String, Compiled> byTool = new ConcurrentHashMap<>();

    private record Compiled(Tool tool, JsonSchema schema) {
    }

    /** Null when the arguments fit the parameter schema of {@code tool}, registered as {@code name}. */
    String problems(String name, Tool tool, JsonNode arguments) {
        Compiled c = byTool.get(name);
        if (c == null || c.tool != tool) {
            // the descriptor (and its schema text) is made once per tool, not once per call
            c = new Compiled(tool, compile(tool.descriptor()));
            byTool.put(name, c);
        }
        return problems(c.schema, arguments);
    }

    /**
     * The compiled schema of a descriptor: a built-in tool that depends on nothing keeps one descriptor for good, and
     * each run's first call of it finds its schema here without copying and printing the schema to look it up.
     */
    private static JsonSchema compile(ToolDescriptor d) {
        synchronized (BY_DESCRIPTOR) {
            JsonSchema s = BY_DESCRIPTOR.get(d);
            if (s != null) {
                return s;
            }
        }
        JsonSchema s = compile(d.parameters());
        synchronized (BY_DESCRIPTOR) {
            if (BY_DESCRIPTOR.size() >= MAX_COMPILED) {
                BY_DESCRIPTOR.clear(); // descriptors made per run (file and http tools) would pile up otherwise
            }
            BY_DESCRIPTOR.put(d, s);
        }
        return s;
    }

    /** Compiles {@code schema} into the shared cache (for {@link JsonSchemas#problem}); throws when it cannot. */
    static void compiled(ObjectNode schema) {
        compile(schema);
    }

    private static JsonSchema compile(ObjectNode schema) {
        String text = schema.toString();
        JsonSchema s = COMPILED.get(text);
        if (s == null) {
            s = FACTORY.getSchema(schema);
            // loaded now, before other threads share it (networknt loads a schema's validators lazily otherwise)
            s.initializeValidators();
            COMPILED.put(text, s);
        }
        return s;
    }

    /** Null when the arguments fit the schema, else every complaint in one line. */
    String problems(ObjectNode schema, JsonNode arguments) {
        return problems(compile(schema), arguments);
    }

    private static String problems(JsonSchema s, JsonNode arguments) {
        // the yes-or-no check stops at the first complaint and collects nothing: most calls fit, and only a call
        // that does not needs every complaint, worded for the model
        if (Boolean.TRUE.equals(s.validate(arguments, OutputFormat.BOOLEAN))) {
            return null;
        }
        Set<ValidationMessage> errors = s.validate(arguments);
        if (errors.isEmpty()) {
            return null;
        }
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }
}
