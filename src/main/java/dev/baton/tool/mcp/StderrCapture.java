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
    /** Held here: java.util.logging keeps loggers weakly, and a collected logger would lose its level and handler. */
    private static final Logger JUL = Logger.getLogger(LOGGER);

    static {
        JUL.setLevel(Level.FINE);
        JUL.setUseParentHandlers(false);
        JUL.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                String thread = Thread.currentThread().getName();
                String line = record.getMessage();
                if (!thread.startsWith(THREAD_PREFIX) || line == null || !line.startsWith("[STDERR] ")) {
                    return;
                }
                String key = thread.substring(0, thread.lastIndexOf('-'));
                Deque<String> lines = LINES.get(key);
                if (lines != null) {
                    synchronized (lines) {
                        lines.addLast(line.substring(9));
                        while (lines.size() > KEEP_LINES) {
                            lines.removeFirst();
                        }
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        JUL.getHandlers()[0].setLevel(Level.ALL);
    }

    private StderrCapture() {
    }

    /** Starts keeping lines for the threads named {@code key-N}. */
    static void open(String key) {
        LINES.put(key, new ArrayDeque<>());
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
    }
}
