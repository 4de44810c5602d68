package dev.baton.ui.inspector;

import dev.baton.flow.RouteCondition;
import dev.baton.flow.RouteOp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route condition as one line of text in the inspector: {@code contains: refund}, {@code regex: (?i)error \d+},
 * {@code json tier = gold}, {@code json order.amount > 100}; empty for none.
 */
final class RouteSyntax {

    private static final Pattern JSON = Pattern.compile("json\\s+([^\\s=>]+)\\s*([=>])\\s*(.*)", Pattern.DOTALL);

    private RouteSyntax() {
    }

    static String format(RouteCondition c) {
        if (c == null) {
            return "";
        }
        return switch (c.op()) {
            case CONTAINS -> "contains: " + c.value();
            case REGEX -> "regex: " + c.value();
            case JSON_EQUALS -> "json " + c.field() + " = " + c.value();
            case JSON_GREATER -> "json " + c.field() + " > " + c.value();
        };
    }

    /** The condition the text says, or null for an empty text. */
    static RouteCondition parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.startsWith("contains:")) {
            return new RouteCondition(RouteOp.CONTAINS, "", t.substring("contains:".length()).strip());
        }
        if (t.startsWith("regex:")) {
            return new RouteCondition(RouteOp.REGEX, "", t.substring("regex:".length()).strip());
        }
        Matcher m = JSON.matcher(t);
        if (m.matches()) {
            return new RouteCondition(m.group(2).equals("=") ? RouteOp.JSON_EQUALS : RouteOp.JSON_GREATER,
                    m.group(1), m.group(3).strip());
        }
        throw new IllegalArgumentException("condition: write 'contains: TEXT', 'regex: PATTERN', 'json FIELD = VALUE'"
                + " or 'json FIELD > NUMBER'");
    }
}
