package dev.baton.tool.mcp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the last lines each stdio server wrote to stderr, so that a server that fails to start can say why.
 * LangChain4j reads a child's stderr on a thread of the executor we give its transport and logs each line at debug
 * level; each server's executor names its threads after the server, and this handler files the lines by that name.
 */
final class StderrCapture {

    static final String THREAD_PREFIX = "baton-mcp-";
    private static final String LOGGER = "dev.langchain4j.mcp.client.transport.stdio.ProcessStderrHandler";
    private static final int KEEP_LINES = 20;
    private static final Map<String, Deque<String>> LINES = new ConcurrentHashMap<>();
    /**
     * LangChain4j's reader of a stdio server's stdout: it skips a line that is not JSON with a warning naming the
     * line. Those lines are filed here per server instead of reaching Baton's console (where a key a server printed
     * would stand in clear, one two-line warning per line).
     */
    private static final String STDOUT_LOGGER = "dev.langchain4j.mcp.transport.stdio.JsonRpcIoHandler";
    private static final String NOT_JSON = "Ignoring message received because it is not valid JSON: ";
    /** The first lines each server wrote to stdout that were not JSON-RPC (the first say most). */
    private static final Map<String, Deque<String>> NOT_MCP = new ConcurrentHashMap<>();
    private static final int KEEP_NOT_MCP = 3;
    private static final Logger STDOUT_JUL = Logger.getLogger(STDOUT_LOGGER);
    /** Held here: java.util.logging keeps loggers weakly, and a collected logger would lose its level and handler. */
    private static final Logger JUL = Logger.getLogger(LOGGER);

    static {
        JUL.setLevel(Level.FINE);
        JUL.setUseParentHandlers(false);
        JUL.addHandler(new LineHandler("[STDERR] ", LINES) {
            @Override
            void file(Deque<String> lines, String line) {
                lines.addLast(line);
                while (lines.size() > KEEP_LINES) {
                    lines.removeFirst();
                }
            }
        });
        JUL.getHandlers()[0].setLevel(Level.ALL);
        STDOUT_JUL.setUseParentHandlers(false);
        STDOUT_JUL.addHandler(new LineHandler(NOT_JSON, NOT_MCP) {
            @Override
            void file(Deque<String> lines, String line) {
                if (lines.size() < KEEP_NOT_MCP) {
                    String text = line.strip();
                    lines.addLast(text.length() > 160 ? text.substring(0, 160) + "…" : text);
                }
            }
        });
    }

    /**
     * Files the records a server's own threads (named {@code baton-mcp-KEY-N}) log with {@code marker} under the
     * server's key; nothing buffered to flush, nothing to close.
     */
    private abstract static class LineHandler extends Handler {
        private final String marker;
        private final Map<String, Deque<String>> byServer;

        LineHandler(String marker, Map<String, Deque<String>> byServer) {
            this.marker = marker;
            this.byServer = byServer;
        }

        /** Files {@code line} (the record's text after the marker) in the server's lines, under their lock. */
        abstract void file(Deque<String> lines, String line);

        @Override
        public void publish(LogRecord record) {
            String thread = Thread.currentThread().getName();
            String line = record.getMessage();
            if (!thread.startsWith(THREAD_PREFIX) || line == null || !line.startsWith(marker)) {
                return;
            }
            Deque<String> lines = byServer.get(thread.substring(0, thread.lastIndexOf('-')));
            if (lines != null) {
                synchronized (lines) {
                    file(lines, line.substring(marker.length()));
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private StderrCapture() {
    }

    /** Starts keeping lines for the threads named {@code key-N}. */
    static void open(String key) {
        LINES.put(key, new ArrayDeque<>());
        NOT_MCP.put(key, new ArrayDeque<>());
    }

    /**
     * Files a log message the server sent (MCP's {@code notifications/message}) with its stderr lines: like stderr it
     * tells why a server failed, and like stderr it is not the console's business (LangChain4j's default handler
     * logged each one to the console, a server logging every few seconds filled it).
     */
    static void log(String key, String level, String logger, String text) {
        Deque<String> lines = LINES.get(key);
        if (lines == null) {
            return;
        }
        String line = "log " + level + (logger == null || logger.isBlank() || "null".equals(logger) ? "" : " " + logger)
                + ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        synchronized (lines) {
            lines.addLast(line.replace('\n', ' '));
            while (lines.size() > KEEP_LINES) {
                lines.removeFirst();
            }
        }
    }

    /** The first lines the server wrote to stdout that were not JSON-RPC, quoted and joined ("" for none). */
    static String notMcp(String key) {
        Deque<String> lines = NOT_MCP.get(key);
        if (lines == null) {
            return "";
        }
        synchronized (lines) {
            return lines.isEmpty() ? "" : "'" + String.join("' | '", lines) + "'";
        }
    }

    /** The kept lines, joined by " | ", at most ~600 characters (the end is what tells). */
    static String tail(String key) {
        Deque<String> lines = LINES.get(key);
        if (lines == null) {
            return "";
        }
        String joined;
        synchronized (lines) {
            joined = String.join(" | ", lines).strip();
        }
        return joined.length() > 600 ? "…" + joined.substring(joined.length() - 600) : joined;
    }

    /** Stops keeping lines for the key. */
    static void close(String key) {
        LINES.remove(key);
        NOT_MCP.remove(key);
    }
}
