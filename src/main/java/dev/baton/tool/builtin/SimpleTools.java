package dev.baton.tool.builtin;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ParseException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolException;
import dev.baton.tool.ToolRisk;
import dev.baton.tool.ToolSchemas;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** {@code calculator}, {@code current_time} and the declaration of {@code ask_human}. */
public final class SimpleTools {

    /** Longest expression the calculator takes. */
    public static final int MAX_EXPRESSION = 2000;

    private SimpleTools() {
    }

    /** Exact decimal arithmetic through EvalEx (BigDecimal, 34 significant digits), not a parser of our own. */
    public static final class Calculator implements Tool {
        private static final ExpressionConfiguration CONFIG = ExpressionConfiguration.builder()
                .mathContext(MathContext.DECIMAL128).build();

        /** Made once: it depends on nothing (a run registers its tools anew, and looks at them often). */
        private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builtIn(BuiltInToolNames.CALCULATOR,
                "Evaluates an arithmetic expression exactly in decimal (34 significant digits): + - * / ^ %, "
                        + "parentheses, functions such as SQRT, ROUND(x, digits), MIN, MAX, ABS, LOG, and "
                        + "comparisons. Example: (1250000 * 0.035) / 12",
                ToolSchemas.object()
                        .required("expression", ToolSchemas.string("the expression to evaluate"))
                        .build(),
                ToolRisk.READ_ONLY);

        @Override
        public ToolDescriptor descriptor() {
            return DESCRIPTOR;
        }

        /** Plain arithmetic (digits, operators, parentheses; no function) on a short text is bounded work. */
        @Override
        public boolean quick(JsonNode args) {
            String text = args.path("expression").asText("");
            return text.length() <= MAX_EXPRESSION && plainArithmetic(text);
        }

        @Override
        public String call(JsonNode args) throws ToolException {
            String text = args.get("expression").asText();
            if (text.isBlank()) {
                throw new ToolException("the expression is empty");
            }
            if (text.length() > MAX_EXPRESSION) {
                throw new ToolException("the expression is longer than " + MAX_EXPRESSION + " characters");
            }
            EvaluationValue value;
            try {
                value = new Expression(text, CONFIG).evaluate();
            } catch (ParseException e) {
                throw new ToolException("cannot read the expression: " + e.getMessage());
            } catch (EvaluationException e) {
                throw new ToolException("cannot evaluate the expression: " + e.getMessage());
            } catch (ArithmeticException e) {
                throw new ToolException("arithmetic error: " + e.getMessage());
            }
            if (value.isNumberValue()) {
                BigDecimal n = value.getNumberValue().stripTrailingZeros();
                // plain digits for ordinary sizes; an exponent for huge or tiny ones (no million-digit strings)
                return Math.abs(n.scale()) < 40 ? n.toPlainString() : n.toString();
            }
            return value.getStringValue();
        }
    }

    /** True when {@code text} holds only digits, operators, parentheses, '.', ',', spaces and tabs. */
    static boolean plainArithmetic(String text) {
        // a loop rather than a regular expression: it runs on every calculator call, and matching cost several times more
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ',', '+', '-', '*', '/', '%', '(', ')',
                        ' ', '\t' -> {
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** The current date and time, in a time zone (default: the machine's). */
    public static final class CurrentTime implements Tool {
        /** Longer than any IANA zone id; a longer argument is called off the caller's thread, as before. */
        static final int MAX_ZONE_ID = 64;

        /** The weekdays' English names, looked up once (a locale look-up per call cost as much as the format). */
        private static final String[] WEEKDAYS = java.util.Arrays.stream(java.time.DayOfWeek.values())
                .map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toArray(String[]::new);

        private final Clock clock;

        public CurrentTime(Clock clock) {
            this.clock = clock;
        }

        /** Made once, as the calculator's. */
        private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builtIn(BuiltInToolNames.CURRENT_TIME,
                "Returns the current date and time (ISO 8601) and the weekday, in a time zone such as "
                        + "'Europe/Paris' or 'UTC' (default: this computer's).",
                ToolSchemas.object()
                        .optional("timezone", ToolSchemas.string("IANA time zone id, e.g. Asia/Tokyo"))
                        .build(),
                ToolRisk.READ_ONLY);

        @Override
        public ToolDescriptor descriptor() {
            return DESCRIPTOR;
        }

        /** A clock read and a format (a zone's rules are loaded once per zone): bounded work, no I/O per call. */
        @Override
        public boolean quick(JsonNode args) {
            return args.path("timezone").asText("").length() <= MAX_ZONE_ID;
        }

        @Override
        public String call(JsonNode args) throws ToolException {
            ZoneId zone = clock.getZone();
            if (args.has("timezone") && !args.get("timezone").asText().isBlank()) {
                try {
                    zone = ZoneId.of(args.get("timezone").asText().strip());
                } catch (DateTimeException e) {
                    throw new ToolException("unknown time zone '" + args.get("timezone").asText() + "'");
                }
            }
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
            return now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " (" + zone.getId() + ", "
                    + WEEKDAYS[now.getDayOfWeek().ordinal()] + ")";
        }
    }

    /**
     * {@code ask_human}, declared so that flows can name it and models see it; the answer comes from the run's
     * human-input gate (CLI stdin, the designer's Run tab), which the engine supplies. Called here, it says so.
     */
    public static final class AskHuman implements Tool {
        /** Made once, as the calculator's. */
        private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builtIn(BuiltInToolNames.ASK_HUMAN,
                "Asks the person running the flow a question and returns their answer.",
                ToolSchemas.object()
                        .required("question", ToolSchemas.string("what to ask, in one or two sentences"))
                        .build(),
                ToolRisk.READ_ONLY);

        @Override
        public ToolDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public String call(JsonNode args) throws ToolException {
            throw new ToolException("no person can be asked here: ask_human is answered through the run's "
                    + "human-input gate");
        }
    }
}
