package dev.baton.ui.inspector;

import dev.baton.flow.Check;
import dev.baton.flow.io.SchemaText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A critic's checks as editable text, one per line: {@code regex: PATTERN}, {@code mustContain: a, b},
 * {@code length: MIN..MAX} (either side may be empty), {@code jsonSchema: {...}}.
 */
public final class CheckSyntax {

    private CheckSyntax() {
    }

    public static String format(List<Check> checks) {
        List<String> lines = new ArrayList<>();
        for (Check c : checks) {
            lines.add(line(c));
        }
        return String.join("\n", lines);
    }

    private static String line(Check c) {
        // Java 17: no pattern switch yet
        if (c instanceof Check.Regex r) {
            return "regex: " + r.pattern();
        }
        if (c instanceof Check.MustContain m) {
            return "mustContain: " + String.join(", ", m.phrases());
        }
        if (c instanceof Check.Length l) {
            return "length: " + (l.min() == null ? "" : l.min()) + ".." + (l.max() == null ? "" : l.max());
        }
        return "jsonSchema: " + ((Check.JsonSchema) c).schema().replace('\n', ' ');
    }

    /** Parses the text; throws IllegalArgumentException naming the line that cannot be read. */
    public static List<Check> parse(String text) {
        List<Check> checks = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'type: value', e.g. 'regex: ^#'");
            }
            String type = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            checks.add(switch (type) {
                case "regex" -> new Check.Regex(value);
                case "mustContain" -> new Check.MustContain(Arrays.stream(value.split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList());
                case "length" -> length(value, i + 1);
                case "jsonSchema" -> schema(value, i + 1);
                default -> throw new IllegalArgumentException("line " + (i + 1) + ": unknown check '" + type
                        + "'; use regex, mustContain, length or jsonSchema");
            });
        }
        return checks;
    }

    /** The schema is read as the flow file reads it, so that what the inspector accepts can be saved. */
    private static Check.JsonSchema schema(String value, int line) {
        String error = SchemaText.error(value);
        if (error != null) {
            throw new IllegalArgumentException("line " + line + ": the schema is " + error);
        }
        return new Check.JsonSchema(value);
    }

    private static Check.Length length(String value, int line) {
        String[] parts = value.split("\\.\\.", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("line " + line + ": expected 'length: MIN..MAX', e.g. 'length: 10..2000'");
        }
        try {
            return new Check.Length(parts[0].isBlank() ? null : Integer.valueOf(parts[0].strip()),
                    parts[1].isBlank() ? null : Integer.valueOf(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": the bounds of length must be whole numbers");
        }
    }
}
