package dev.baton.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads source files with a size cap and turns every read error into a one-line {@link ImportException}. */
final class Sources {

    /** Larger sources are refused: a crew or a team is a few kilobytes, an export a few hundred. */
    static final long MAX_BYTES = 8L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private Sources() {
    }

    static String text(Path file) throws ImportException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ImportException(file + ": larger than " + (MAX_BYTES >> 20) + " MB, not imported");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // an editor on Windows saves UTF-8 with a byte-order mark, which JSON and YAML parsers refuse
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ImportException(file + ": not UTF-8 text; save it as UTF-8 and import again");
        } catch (IOException e) {
            throw new ImportException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    static JsonNode json(Path file) throws ImportException {
        return parse(file, text(file), JSON, "JSON");
    }

    /**
     * The YAML of a file as CrewAI reads it (PyYAML's safe_load): aliases and merge keys ({@code <<: *defaults})
     * resolved. Jackson's YAML reader keeps a merge key as a field named "<<", so SnakeYAML (which it bundles)
     * builds the value; its alias cap refuses a "billion laughs" file.
     */
    static JsonNode yaml(Path file) throws ImportException {
        String text = text(file);
        try {
            Object value = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions())).load(text);
            return value == null ? YAML.nullNode() : JSON.valueToTree(value);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            org.yaml.snakeyaml.error.Mark mark = e.getProblemMark();
            throw new ImportException(file + ": not valid YAML" + (mark == null ? "" : " at line "
                    + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)) + ": " + e.getProblem());
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new ImportException(file + ": not valid YAML (" + why + ")");
        }
    }

    /** The JSON in a text (a value that holds JSON as a string), or null when it is not JSON. */
    static JsonNode jsonOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    static JsonNode jsonOrNull(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) <= MAX_BYTES ? JSON.readTree(text(file)) : null;
        } catch (ImportException | IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Why a file named *.json cannot be read as JSON (its parse error, with line and column), or null when it
     * can: a truncated or hand-broken export gets that line rather than "not a format Baton imports".
     */
    static String jsonError(Path file) {
        if (!Files.isRegularFile(file) || !file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".json")) {
            return null;
        }
        try {
            json(file);
            return null;
        } catch (ImportException e) {
            return e.getMessage();
        }
    }

    private static JsonNode parse(Path file, String text, ObjectMapper mapper, String what) throws ImportException {
        try {
            JsonNode node = mapper.readTree(text);
            return node == null ? mapper.nullNode() : node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ImportException(file + ": not valid " + what + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("")
                    // Jackson names its setting ("from `StreamReadConstraints…`"): of no use to the user
                    .replaceAll(",? from `[^`]*`", ""));
        } catch (RuntimeException e) {
            throw new ImportException(file + ": not valid " + what + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The text of a field, stripped; "" when absent or not text. */
    static String str(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText().strip();
    }
}
