package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ToolArguments} gives exactly the tree databind gives, node types included, and refuses what it refuses. */
class ToolArgumentsTest {

    @Test
    void sameTreesAsDatabindForHandPickedArguments() throws Exception {
        for (String json : List.of("{}", "[]", "{\"expression\":\"(1250000 * 0.035) / 12\"}",
                "{\"a\":1,\"b\":2147483648,\"c\":92233720368547758070,\"d\":-0.0,\"e\":1e400,\"f\":1.5e-7}",
                "{\"a\":1,\"a\":\"again\",\"b\":{\"a\":[1,[2,[3,{}]]]}}",
                "{\"s\":\"tab\\t quote\\\" slash\\\\ \\u00e9 \\ud83d\\ude00 lone \\ud800\"}",
                "{\"t\":true,\"f\":false,\"n\":null,\"x\":[null,true,0,-1,3.25]}",
                "  {\"after\":1}  trailing words", "\"just a string\"", "42", "-9223372036854775809",
                "{\"k\":12345678901234567890123456789012345678901234567890.5}")) {
            assertSame(json);
        }
    }

    @Test
    void sameTreesAsDatabindForRandomArguments() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            assertSame(randomValue(random, 0, true));
        }
    }

    @Test
    void refusesWhatDatabindRefuses() {
        for (String bad : List.of("", "   ", "{", "{\"a\":}", "{\"a\" 1}", "[1,2", "{'a':1}", "{\"a\":NaN}",
                "{\"a\":01}", "nul", "{\"a\":\"unterminated}")) {
            assertThatThrownBy(() -> ToolSchemas.MAPPER.readTree(bad).requireNonNull()).as(bad)
                    .isInstanceOf(Exception.class);
            assertThatThrownBy(() -> ToolArguments.read(bad)).as(bad)
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    private static void assertSame(String json) throws Exception {
        JsonNode expected = ToolSchemas.MAPPER.readTree(json);
        JsonNode actual = ToolArguments.read(json);
        assertThat(actual).as(json).isEqualTo(expected);
        assertThat(actual.toString()).as(json).isEqualTo(expected.toString());
        assertThat(types(actual)).as(json).isEqualTo(types(expected));
    }

    /** The node classes of a tree in document order: equal trees of other node types (IntNode/LongNode) differ here. */
    private static String types(JsonNode n) {
        StringBuilder b = new StringBuilder(n.getClass().getSimpleName());
        if (n.isContainerNode()) {
            b.append('(');
            n.fieldNames().forEachRemaining(f -> b.append(f).append('='));
            for (JsonNode c : n) {
                b.append(types(c)).append(',');
            }
            b.append(')');
        }
        return b.toString();
    }

    private static String randomValue(Random r, int depth, boolean top) {
        int kind = top ? 0 : r.nextInt(depth > 4 ? 6 : 8);
        switch (kind) {
            case 0: {
                StringBuilder b = new StringBuilder("{");
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append(randomString(r, true)).append(':')
                            .append(randomValue(r, depth + 1, false));
                }
                return b.append('}').toString();
            }
            case 1:
                return randomString(r, false);
            case 2:
                return String.valueOf(r.nextInt());
            case 3: {
                long[] edges = {Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L,
                        r.nextLong()};
                String s = String.valueOf(edges[r.nextInt(edges.length)]);
                return r.nextBoolean() ? s : s + r.nextInt(1000); // past a long: a big integer
            }
            case 4: {
                String[] floats = {"0.1", "-2.5e10", "1E-300", "3.4028235E39", "6.02214076e23", "-0.0",
                        String.valueOf(r.nextDouble() * 1e6), "1.0000000000000000000001"};
                return floats[r.nextInt(floats.length)];
            }
            case 5:
                return List.of("true", "false", "null").get(r.nextInt(3));
            default: {
                StringBuilder b = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append(randomValue(r, depth + 1, false));
                }
                return b.append(']').toString();
            }
        }
    }

    private static String randomString(Random r, boolean key) {
        String[] parts = {"a", "expression", "é", "\\n", "\\\"", "\\u0041", "\\ud83d\\ude00", "日本", " ", "\\/"};
        StringBuilder b = new StringBuilder("\"");
        int n = r.nextInt(key ? 3 : 6);
        for (int i = 0; i < n; i++) {
            b.append(parts[r.nextInt(parts.length)]);
        }
        return b.append('"').toString();
    }
}
