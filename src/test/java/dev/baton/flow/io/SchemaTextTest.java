package dev.baton.flow.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A jsonSchema check's text, read with the flow file's Jackson mapper (the one JSON reader Baton has). */
class SchemaTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", " { \"type\" : \"object\" } ",
        "{\"a\": [1, -2.5e+3, 0, \"x\\n\\u00e9\", null, false, {\"b\": []}]}",
        "{\"pattern\": \"^\\\\d+$\"}"
    })
    void acceptsJsonObjects(String text) {
        assertThat(SchemaText.error(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{", "{\"a\": }", "{\"a\": 1,}", "{a: 1}", "{\"a\": 01}", "{\"a\": 1} x",
        "{\"a\": \"\\q\"}", "{\"a\": tru}", "{\"a\": [1 2]}", "{\"a\": \"unterminated}", "{\"a\": -}",
        "{\"a\": 1.}", "{\"a\": \"\\u12g4\"}"
    })
    void rejectsMalformedTextSayingWhere(String text) {
        assertThat(SchemaText.error(text)).startsWith("not valid JSON at column ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "true", "[]", "\"object\"", "3"})
    void rejectsWhatIsNoObject(String text) {
        // the flow file stores a schema as an object: what is refused here could not be saved
        assertThat(SchemaText.error(text)).startsWith("not a JSON object");
    }

    @Test
    void refusesHostileNestingInsteadOfOverflowing() {
        String deep = "{\"a\":" + "[".repeat(100_000);
        assertThat(SchemaText.error(deep)).startsWith("not valid JSON").containsIgnoringCase("nesting depth");
    }
}
