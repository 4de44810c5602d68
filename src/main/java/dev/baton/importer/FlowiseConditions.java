package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.RouteCondition;
import dev.baton.flow.RouteOp;

import java.util.regex.Pattern;

/**
 * Flowise condition rows ({@code type}, {@code value1}, {@code operation}, {@code value2}) onto Baton's rule
 * conditions, which test the router's input: a row whose {@code value1} is the input (or the previous output) and
 * whose operation Baton has maps; anything else keeps its description only.
 */
final class FlowiseConditions {

    /** A condition, or null when Baton has no rule for it, and a readable description either way. */
    record Mapped(RouteCondition condition, String description) {
    }

    private FlowiseConditions() {
    }

    static Mapped map(JsonNode row) {
        String type = Sources.str(row, "type");
        String v1 = FlowiseModels.plain(Sources.str(row, "value1"));
        String op = Sources.str(row, "operation");
        String v2 = FlowiseModels.plain(Sources.str(row, "value2"));
        String description = (v1.isEmpty() ? "input" : v1) + " " + op + " " + v2;
        String q = Pattern.quote(v2);
        RouteCondition c = switch (type.isEmpty() ? "string" : type) {
            case "string" -> switch (op) {
                case "contains" -> new RouteCondition(RouteOp.CONTAINS, "", v2);
                case "equal" -> new RouteCondition(RouteOp.REGEX, "", "(?s)^\\s*" + q + "\\s*$");
                case "startsWith" -> new RouteCondition(RouteOp.REGEX, "", "^\\s*" + q);
                case "endsWith" -> new RouteCondition(RouteOp.REGEX, "", q + "\\s*$");
                case "regex" -> new RouteCondition(RouteOp.REGEX, "", v2);
                case "notEmpty" -> new RouteCondition(RouteOp.REGEX, "", "\\S");
                default -> null;
            };
            case "number" -> switch (op) {
                case "equal" -> new RouteCondition(RouteOp.REGEX, "", "(?s)^\\s*" + q + "\\s*$");
                default -> null;
            };
            default -> null;
        };
        return new Mapped(c, description.strip());
    }
}
