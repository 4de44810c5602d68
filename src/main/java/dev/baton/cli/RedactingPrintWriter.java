package dev.baton.cli;

import dev.baton.secret.Redactor;

import java.io.PrintWriter;

/**
 * The command's stdout or stderr with every string written through the program's {@link Redactor}: the final answer,
 * progress lines, error messages and exports cannot print a key. Strings are redacted whole, as each print call
 * passes them (Baton prints a line or a document at a time, never a key in pieces).
 */
final class RedactingPrintWriter extends PrintWriter {

    private final Redactor redactor;
    private final PrintWriter target;

    private RedactingPrintWriter(PrintWriter target, Redactor redactor) {
        super(target, true);
        this.redactor = redactor;
        this.target = target;
    }

    /**
     * The writer under any redacting layer, for output already redacted by value (a JSON export: redacting JSON as
     * text could swallow the backslash of an escaped quote).
     */
    static PrintWriter unwrap(PrintWriter w) {
        PrintWriter result = w;
        while (result instanceof RedactingPrintWriter r) {
            r.flush();
            result = r.target;
        }
        return result;
    }

    /** {@code target} redacted by {@code redactor} (returned as is when it already is). */
    static PrintWriter wrap(PrintWriter target, Redactor redactor) {
        if (target instanceof RedactingPrintWriter r && r.redactor == redactor) {
            return target;
        }
        return new RedactingPrintWriter(target, redactor);
    }

    @Override
    public void write(String s, int off, int len) {
        String redacted = redactor.redact(off == 0 && len == s.length() ? s : s.substring(off, off + len));
        super.write(redacted, 0, redacted.length());
    }

    @Override
    public void write(char[] buf, int off, int len) {
        write(new String(buf, off, len), 0, len);
    }
}
