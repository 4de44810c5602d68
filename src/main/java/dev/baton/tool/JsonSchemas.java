package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.DisallowSchemaLoader;

import java.util.Optional;

/**
 * The one JSON-Schema factory Baton compiles schemas with (draft 2020-12; a schema may name draft 4 to 2020-12 with
 * {@code $schema}): tools' parameters, MCP servers' input schemas, critics' schema checks. It loads nothing from
 * outside the schema itself. networknt's default factory follows a {@code $ref} or an unknown {@code $schema} to any URI
 * — it fetched {@code http://…} (with no time limit) and read {@code file:///…} — so a schema from an MCP server or a
 * shared flow file could make Baton call out, hang, or quote a local file's first token in an error.
 */
public final class JsonSchemas {

    /** Compiles schemas whose references stay inside them; any other reference is an error, never a fetch. */
    public static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder(
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
            .schemaLoaders(loaders -> loaders.add(DisallowSchemaLoader.getInstance()))
            .build();

    private JsonSchemas() {
    }

    /** Why {@code schema} cannot be compiled (one line), or empty when it can. */
    public static Optional<String> problem(JsonNode schema) {
        try {
            if (schema instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                ArgumentValidator.compiled(object); // kept: a tool's first call finds it compiled
            } else {
                FACTORY.getSchema(schema).initializeValidators();
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            return Optional.of(m.replace('\n', ' '));
        }
    }
}
