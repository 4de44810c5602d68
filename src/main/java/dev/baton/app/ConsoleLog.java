package dev.baton.app;

import dev.baton.engine.model.provider.Credentials;
import dev.baton.secret.Redactor;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What libraries log (LangChain4j, H2, JavaFX log through java.util.logging; SLF4J is bound to it) reaches Baton's
 * console as one redacted line each: "baton: warning from JsonRpcIoHandler: …". The JDK's own format was two lines
 * per record, with a time stamp and, for a failure, a stack trace, and it printed whatever the library quoted — a key
 * an MCP server or a provider echoed stood there in clear. The redactor is made at the first record (it reads the
 * environment and the credentials file), so that a start that logs nothing pays nothing.
 */
final class ConsoleLog {

    private ConsoleLog() {
    }

    /** Gives every console handler of the root logger the one-line redacting format. */
    static void install(boolean debug) {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h instanceof ConsoleHandler) {
                h.setFormatter(new OneLine(debug));
            }
        }
    }

    /** One line per record, redacted; with {@code debug} the failure's stack trace follows, redacted too. */
    static final class OneLine extends Formatter {
        private final boolean debug;
        private volatile Redactor redactor;

        OneLine(boolean debug) {
            this.debug = debug;
        }

        /** For tests: a redactor that knows these values besides the key shapes. */
        OneLine(boolean debug, Redactor redactor) {
            this.debug = debug;
            this.redactor = redactor;
        }

        @Override
        public String format(LogRecord r) {
            String message = formatMessage(r);
            Throwable t = r.getThrown();
            if (t != null) {
                message = message + " (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": "
                        + t.getMessage()) + ")";
            }
            String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
            String from = logger.substring(logger.lastIndexOf('.') + 1);
            StringBuilder line = new StringBuilder("baton: ").append(r.getLevel().getName().toLowerCase(Locale.ROOT))
                    .append(from.isEmpty() ? "" : " from " + from).append(": ")
                    .append(redactor().forMessage(message)).append(System.lineSeparator());
            if (debug && t != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                t.printStackTrace(new java.io.PrintWriter(trace));
                line.append(redactor().redact(trace.toString()));
            }
            return line.toString();
        }

        private Redactor redactor() {
            Redactor r = redactor;
            if (r == null) {
                try {
                    r = new Redactor(Credentials.fromSystem().keyValues());
                } catch (RuntimeException e) {
                    r = Redactor.shapesOnly(); // an unreadable credentials file: the shapes still hold
                }
                redactor = r;
            }
            return r;
        }
    }
}
