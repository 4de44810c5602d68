package dev.baton.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small JSON syntax check behind the jsonSchema critic rule. */
class JsonSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "true", " { \"type\" : \"object\" } ",
        "{\"a\": [1, -2.5e+3, 0, \"x\\n\\u00e9\", null, false, {\"b\": []}]}",
        "{\"pattern\": \"^\\\\d+$\"}"
    })
    void acceptsWellFormedSchemas(String text) {
        assertThat(JsonSyntax.schemaError(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[]", "\"object\"", "{", "{\"a\": }", "{\"a\": 1,}", "{a: 1}", "{\"a\": 01}", "{\"a\": 1} x",
        "{\"a\": \"\\q\"}", "{\"a\": tru}", "{\"a\": [1 2]}", "{\"a\": \"unterminated}", "{\"a\": -}",
        "{\"a\": 1.}", "{\"a\": \"\\u12g4\"}"
    })
    void rejectsMalformedText(String text) {
        assertThat(JsonSyntax.schemaError(text)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void refusesHostileNestingInsteadOfOverflowing() {
        String deep = "{\"a\":" + "[".repeat(100_000);
        assertThat(JsonSyntax.schemaError(deep)).contains("nested");
    }
}
