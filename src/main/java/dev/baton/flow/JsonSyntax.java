package dev.baton.flow;

/**
 * A small JSON syntax check for critic schemas, so that {@code flow} needs no JSON library: it tells whether a text
 * is one well-formed JSON value and, if not, what is wrong where. It checks syntax only, not JSON Schema semantics.
 */
final class JsonSyntax {

    /** Deeper nesting is refused rather than risking the stack on hostile input. */
    private static final int MAX_DEPTH = 200;

    private final String text;
    private int pos;

    private JsonSyntax(String text) {
        this.text = text;
    }

    /** Null when the text is a JSON object or boolean (what a JSON Schema may be), else what is wrong. */
    static String schemaError(String text) {
        JsonSyntax p = new JsonSyntax(text);
        try {
            p.skipSpace();
            char first = p.peek();
            if (first != '{' && first != 't' && first != 'f') {
                return "a schema must be a JSON object, e.g. {\"type\": \"object\"}";
            }
            p.value(0);
            p.skipSpace();
            if (p.pos < text.length()) {
                throw p.fail("unexpected text after the schema");
            }
            return null;
        } catch (SyntaxError e) {
            return e.getMessage();
        }
    }

    /** A syntax error with its offset already in the message; no stack trace, it is an expected outcome. */
    private static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private SyntaxError fail(String what) {
        return new SyntaxError(what + " at offset " + pos);
    }

    private char peek() throws SyntaxError {
        if (pos >= text.length()) {
            throw fail("unexpected end of text");
        }
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void expect(char c) throws SyntaxError {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private void value(int depth) throws SyntaxError {
        if (depth > MAX_DEPTH) {
            throw fail("nested more than " + MAX_DEPTH + " levels deep");
        }
        skipSpace();
        char c = peek();
        switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw fail("expected a JSON value");
                }
            }
        }
    }

    private void object(int depth) throws SyntaxError {
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw fail("expected a quoted key");
            }
            string();
            skipSpace();
            expect(':');
            value(depth + 1);
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return;
            }
        }
    }

    private void array(int depth) throws SyntaxError {
        expect('[');
        skipSpace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            value(depth + 1);
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return;
            }
        }
    }

    private void string() throws SyntaxError {
        expect('"');
        while (true) {
            char c = peek();
            pos++;
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw fail("control character in a string");
            }
            if (c == '\\') {
                char esc = peek();
                pos++;
                if (esc == 'u') {
                    for (int k = 0; k < 4; k++) {
                        if (Character.digit(peek(), 16) < 0) {
                            throw fail("bad \\u escape");
                        }
                        pos++;
                    }
                } else if ("\"\\/bfnrt".indexOf(esc) < 0) {
                    throw fail("bad escape '\\" + esc + "'");
                }
            }
        }
    }

    private void number() throws SyntaxError {
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
    }

    private void digits() throws SyntaxError {
        char c = peek();
        if (c < '0' || c > '9') {
            throw fail("expected a digit");
        }
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
    }

    private void literal(String word) throws SyntaxError {
        if (!text.startsWith(word, pos)) {
            throw fail("expected " + word);
        }
        pos += word.length();
    }
}
