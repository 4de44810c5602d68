package dev.baton.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.secret.Redactor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way a tool is called: the arguments are parsed and checked against the tool's schema, the call runs on an
 * executor under a time limit (a tool that hangs gives an error result, the caller never waits longer), the result is
 * capped in size and passed through the {@link Redactor}, so that a key a tool read never reaches a model, an event or
 * the audit. Every failure is a {@link ToolResult} with {@code error} set; this class does not throw for a tool's sake.
 * Approval (auto / ask / deny) is decided before this, by the engine's gate.
 */
public final class ToolRunner implements AutoCloseable {

    /** Default limit on one call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default cap on the text a model reads from one call (characters). */
    public static final int DEFAULT_MAX_RESULT_CHARS = 64 * 1024;

    private final ToolRegistry registry;
    private final Redactor redactor;
    private final ExecutorService executor;
    private final boolean ownExecutor;
    private final Duration timeout;
    private final int maxResultChars;
    private final ArgumentValidator validator = new ArgumentValidator();

    /**
     * @param executor       runs the calls; null for a pool of daemon threads owned (and shut down) by this runner
     * @param timeout        the limit of a call whose tool states none
     * @param maxResultChars the cap on a result's text
     */
    public ToolRunner(ToolRegistry registry, Redactor redactor, ExecutorService executor, Duration timeout,
                      int maxResultChars) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.ownExecutor = executor == null;
        this.executor = executor != null ? executor : Executors.newCachedThreadPool(daemonThreads());
        this.timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (maxResultChars < 1) {
            throw new IllegalArgumentException("maxResultChars must be at least 1");
        }
        this.maxResultChars = maxResultChars;
    }

    /** A runner with the default limits and its own threads. */
    public ToolRunner(ToolRegistry registry, Redactor redactor) {
        this(registry, redactor, null, DEFAULT_TIMEOUT, DEFAULT_MAX_RESULT_CHARS);
    }

    /** Calls a tool with arguments as the model sent them (a JSON object as text; empty means {}). */
    public ToolResult call(String name, String argumentsJson) {
        long start = System.nanoTime();
        JsonNode args;
        try {
            String text = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
            args = ToolArguments.read(text);
        } catch (JsonProcessingException e) {
            return failure(name, "the arguments are not valid JSON: " + e.getOriginalMessage(), start);
        } catch (java.io.IOException e) {
            return failure(name, "the arguments could not be read: " + e.getMessage(), start);
        }
        return call(name, args, start);
    }

    /** Calls a tool with parsed arguments. */
    public ToolResult call(String name, JsonNode arguments) {
        return call(name, null, arguments, System.nanoTime());
    }

    /**
     * Calls {@code tool}, which the caller found registered as {@code name} (the engine keeps it per name and run);
     * null to look it up here.
     */
    public ToolResult call(String name, Tool tool, JsonNode arguments) {
        return call(name, tool, arguments, System.nanoTime());
    }

    private ToolResult call(String name, JsonNode arguments, long start) {
        return call(name, null, arguments, start);
    }

    private ToolResult call(String name, Tool found, JsonNode arguments, long start) {
        Tool tool = found != null ? found : registry.find(name).orElse(null);
        if (tool == null) {
            return failure(name, "there is no tool named '" + name + "'; available: "
                    + String.join(", ", registry.names()), start);
        }
        if (arguments == null || !arguments.isObject()) {
            return failure(name, "the arguments must be a JSON object", start);
        }
        String problems;
        try {
            problems = validator.problems(name, tool, arguments);
        } catch (RuntimeException e) {
            return failure(name, "the tool's parameter schema could not be used: " + e.getMessage(), start);
        }
        if (problems != null) {
            return failure(name, "invalid arguments: " + problems, start);
        }
        if (tool.quick(arguments)) {
            return quickCall(tool, name, arguments, start);
        }
        Duration limit = tool.timeout().orElse(timeout);
        Future<String> future;
        try {
            future = executor.submit(() -> tool.call(arguments));
        } catch (RuntimeException e) {
            return failure(name, "the tool could not be started: " + e.getMessage(), start);
        }
        try {
            String out = future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return success(name, out == null ? "" : out, start);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failure(name, "the tool did not finish within " + human(limit) + " and was stopped", start);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause instanceof ToolException ? cause.getMessage()
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            return failure(name, message, start);
        } catch (CancellationException e) {
            return failure(name, "the call was cancelled", start);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failure(name, "the call was cancelled", start);
        }
    }

    /** A call that is bounded computation, on this thread: no hand-off, the same checks, cap and redaction. */
    private ToolResult quickCall(Tool tool, String name, JsonNode arguments, long start) {
        try {
            String out = tool.call(arguments);
            return success(name, out == null ? "" : out, start);
        } catch (ToolException e) {
            return failure(name, e.getMessage(), start);
        } catch (Exception e) {
            return failure(name, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    start);
        }
    }

    private ToolResult success(String name, String out, long start) {
        long bytes = utf8Length(out);
        boolean truncated = out.length() > maxResultChars;
        String text = truncated
                ? out.substring(0, maxResultChars) + "\n[truncated: " + (out.length() - maxResultChars)
                + " more characters not shown]"
                : out;
        return new ToolResult(name, false, redactor.redact(text), elapsed(start), bytes, truncated);
    }

    private ToolResult failure(String name, String message, long start) {
        String m = message == null || message.isBlank() ? "the tool failed" : message;
        if (m.length() > 2000) {
            m = m.substring(0, 2000) + "…";
        }
        return ToolResult.failure(name, redactor.forMessage(m), elapsed(start));
    }

    /** {@code text.getBytes(UTF_8).length} without making the bytes (a lone surrogate is written as one '?'). */
    static long utf8Length(String text) {
        long n = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "baton-tool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the runner's own threads (calls in flight are interrupted); an injected executor is left alone. */
    @Override
    public void close() {
        if (ownExecutor) {
            executor.shutdownNow();
        }
    }
}
