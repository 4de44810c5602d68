package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import dev.baton.flow.Check;
import dev.baton.flow.FlowBounds;
import dev.baton.tool.JsonSchemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Applies a critic's deterministic checks to an output; each failure is one readable line. */
public final class CriticChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A schema's "pattern" keywords run through the same bounded matching as regex checks. */
    private static final SchemaValidatorsConfig SCHEMA_CONFIG = SchemaValidatorsConfig.builder()
            .regularExpressionFactory(regex -> {
                Pattern p = Pattern.compile(regex);
                return value -> find(p, value);
            })
            .build();

    private CriticChecks() {
    }

    /** The failed checks, as "type: what is wrong"; empty when all pass. */
    public static List<String> failures(List<Check> checks, String output) {
        List<String> failed = new ArrayList<>();
        for (Check check : checks) {
            String why;
            if (check instanceof Check.Regex r) {
                why = regex(r, output);
            } else if (check instanceof Check.MustContain m) {
                why = mustContain(m, output);
            } else if (check instanceof Check.Length l) {
                why = length(l, output);
            } else {
                why = jsonSchema((Check.JsonSchema) check, output);
            }
            if (why != null) {
                failed.add(check.type() + ": " + why);
            }
        }
        return failed;
    }

    private static String regex(Check.Regex r, String output) {
        try {
            return find(Pattern.compile(r.pattern()), output) ? null : "no match of /" + r.pattern() + "/";
        } catch (PatternSyntaxException e) {
            return "invalid pattern /" + r.pattern() + "/: " + e.getDescription();
        } catch (StackOverflowError e) {
            throw new TooSlow("the regex /" + abbreviate(r.pattern()) + "/ recursed too deeply on an output of "
                    + output.length() + " characters; simplify the pattern");
        }
    }

    /**
     * Finds the pattern in the text within {@link FlowBounds#REGEX_MATCH_READS} character reads; a backtracking
     * pattern is stopped with {@link TooSlow}, an interrupt (the run stopping) with {@link Interrupted}.
     */
    static boolean find(Pattern pattern, String text) {
        try {
            return pattern.matcher(new CountedText(text, FlowBounds.REGEX_MATCH_READS)).find();
        } catch (CountedText.Expired e) {
            if (e.interrupted()) {
                throw new Interrupted();
            }
            throw new TooSlow("the regex /" + abbreviate(pattern.pattern()) + "/ gave up after "
                    + String.format(Locale.ROOT, "%,d", FlowBounds.REGEX_MATCH_READS) + " character reads (about a "
                    + "second) on an output of " + text.length() + " characters; simplify the pattern (nested "
                    + "repetition such as (a+)+ backtracks for ever)");
        }
    }

    /** A check could not be decided within its bound: the flow's check is at fault, not the output. */
    public static final class TooSlow extends RuntimeException {
        TooSlow(String message) {
            super(message, null, false, false);
        }
    }

    /** The thread was interrupted during a check (the run is stopping or the activation timed out). */
    public static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private static String mustContain(Check.MustContain m, String output) {
        String lower = output.toLowerCase(Locale.ROOT);
        List<String> missing = m.phrases().stream()
                .filter(p -> !lower.contains(p.toLowerCase(Locale.ROOT))).toList();
        return missing.isEmpty() ? null : "missing " + missing;
    }

    private static String length(Check.Length l, String output) {
        int n = output.length();
        if (l.min() != null && n < l.min()) {
            return n + " characters, fewer than " + l.min();
        }
        if (l.max() != null && n > l.max()) {
            return n + " characters, more than " + l.max();
        }
        return null;
    }

    private static String jsonSchema(Check.JsonSchema s, String output) {
        JsonNode doc;
        try {
            doc = JSON.readTree(stripFences(output));
        } catch (Exception e) {
            return "the output is not JSON";
        }
        try {
            JsonSchema schema = JsonSchemas.FACTORY.getSchema(s.schema(), SCHEMA_CONFIG);
            Set<ValidationMessage> errors = schema.validate(doc);
            return errors.isEmpty() ? null
                    : String.join("; ", errors.stream().map(ValidationMessage::getMessage).sorted().toList());
        } catch (TooSlow | Interrupted e) {
            throw e;
        } catch (RuntimeException e) {
            return "the schema could not be applied: " + e.getMessage();
        }
    }

    /** The text without a surrounding Markdown code fence. */
    static String stripFences(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (nl > 0 && end > nl) {
                return t.substring(nl + 1, end).strip();
            }
        }
        return t;
    }
}
