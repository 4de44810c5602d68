package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.RouteCondition;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tests a rule router's conditions on its input. A regex runs over a bounded view of the text that gives up after a
 * fixed number of character reads, so that a catastrophic pattern cannot hold the run.
 */
final class RouteConditions {

    /** Longest text a regex or contains test looks at. */
    static final int MAX_CHARS = 100_000;
    /** Character reads a regex may make before it is stopped (backtracking beyond this is refused). */
    static final long MAX_READS = 5_000_000L;

    private RouteConditions() {
    }

    /** Whether the condition holds: null when not, otherwise the reason (what held). */
    static String holds(RouteCondition c, String input) {
        String text = input.length() > MAX_CHARS ? input.substring(0, MAX_CHARS) : input;
        return switch (c.op()) {
            case CONTAINS -> text.toLowerCase(Locale.ROOT).contains(c.value().toLowerCase(Locale.ROOT))
                    ? "the input contains '" + c.value() + "'" : null;
            case REGEX -> regex(c.value(), text);
            case JSON_EQUALS -> jsonEquals(c, input);
            case JSON_GREATER -> jsonGreater(c, input);
        };
    }

    private static String regex(String pattern, String text) {
        try {
            Matcher m = Pattern.compile(pattern).matcher(new CountedText(text, MAX_READS));
            return m.find() ? "the input matches /" + pattern + "/ at '" + clip(m.group()) + "'" : null;
        } catch (PatternSyntaxException e) {
            return null;
        } catch (CountedText.Expired e) {
            // a pattern that reads too much does not hold (a stopping run ends at its next step)
            return null;
        }
    }

    private static String jsonEquals(RouteCondition c, String input) {
        JsonNode v = field(c.field(), input);
        if (v == null || v.isMissingNode() || v.isNull()) {
            return null;
        }
        boolean same;
        if (v.isNumber()) {
            BigDecimal want = number(c.value());
            same = want != null && v.decimalValue().compareTo(want) == 0;
        } else {
            same = (v.isValueNode() ? v.asText() : v.toString()).equals(c.value());
        }
        return same ? "field '" + c.field() + "' equals '" + c.value() + "'" : null;
    }

    private static String jsonGreater(RouteCondition c, String input) {
        JsonNode v = field(c.field(), input);
        BigDecimal want = number(c.value());
        if (v == null || want == null) {
            return null;
        }
        BigDecimal have = v.isNumber() ? v.decimalValue() : v.isTextual() ? number(v.asText()) : null;
        return have != null && have.compareTo(want) > 0
                ? "field '" + c.field() + "' is " + have.toPlainString() + ", greater than " + c.value() : null;
    }

    /** The field at a dotted path of the JSON object in the input, or null. */
    private static JsonNode field(String path, String input) {
        JsonNode node = JsonReplies.object(input);
        if (node == null) {
            return null;
        }
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
