package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.baton.flow.Check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Applies a critic's deterministic checks to an output; each failure is one readable line. */
public final class CriticChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

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
            return Pattern.compile(r.pattern()).matcher(output).find() ? null
                    : "no match of /" + r.pattern() + "/";
        } catch (PatternSyntaxException e) {
            return "invalid pattern /" + r.pattern() + "/: " + e.getDescription();
        }
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
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(s.schema());
            Set<ValidationMessage> errors = schema.validate(doc);
            return errors.isEmpty() ? null
                    : String.join("; ", errors.stream().map(ValidationMessage::getMessage).sorted().toList());
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
