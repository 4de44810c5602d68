package dev.baton.flow;

import java.util.List;
import java.util.Objects;

/** A deterministic check a critic applies to an output before any model is asked. */
public sealed interface Check permits Check.JsonSchema, Check.Regex, Check.MustContain, Check.Length {

    /** A short name of the check's type as written in the flow file ("jsonSchema", "regex", ...). */
    String type();

    /** The output must be JSON valid against this JSON Schema (kept as canonical JSON text). */
    record JsonSchema(String schema) implements Check {
        public JsonSchema {
            Objects.requireNonNull(schema, "schema");
        }

        @Override
        public String type() {
            return "jsonSchema";
        }
    }

    /** The output must contain a match of this Java regular expression. */
    record Regex(String pattern) implements Check {
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public String type() {
            return "regex";
        }
    }

    /** The output must contain every one of these phrases (case-insensitive). */
    record MustContain(List<String> phrases) implements Check {
        public MustContain {
            phrases = List.copyOf(phrases);
        }

        @Override
        public String type() {
            return "mustContain";
        }
    }

    /** The output's length in characters must lie within the bounds; either bound may be null. */
    record Length(Integer min, Integer max) implements Check {
        @Override
        public String type() {
            return "length";
        }
    }
}
