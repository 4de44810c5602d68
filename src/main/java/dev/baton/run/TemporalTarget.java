package dev.baton.run;

import dev.baton.secret.SafeText;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where a Temporal frontend listens ({@code HOST:PORT}) and the task queue its Baton workers serve: what a front end
 * keeps to send runs there. Parsed strictly, so that a typo is a one-line message and not a run that waits on nothing.
 */
public record TemporalTarget(String host, int port, String taskQueue) {

    /** The task queue when none is given (the workers' default too). */
    public static final String DEFAULT_TASK_QUEUE = "baton";
    /** Task queue names longer than this are refused (Temporal's own limit is far above any real name). */
    static final int MAX_QUEUE_LENGTH = 200;

    public TemporalTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host is missing");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range (1 to 65535)");
        }
        taskQueue = queue(taskQueue);
    }

    /**
     * Parses {@code HOST:PORT} ({@code localhost:7233}, {@code temporal.example.org:7233}, {@code [::1]:7233}) and a
     * task queue (blank: {@link #DEFAULT_TASK_QUEUE}).
     *
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static TemporalTarget parse(String hostPort, String taskQueue) {
        String t = hostPort == null ? "" : hostPort.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("give the Temporal frontend as HOST:PORT, e.g. localhost:7233");
        }
        if (t.contains("://") || t.contains("/")) {
            throw new IllegalArgumentException("'" + shown(t) + "' is not HOST:PORT: leave out the scheme and path"
                    + " (e.g. localhost:7233)");
        }
        URI uri;
        try {
            uri = new URI("grpc://" + t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown(t) + "' is not HOST:PORT (e.g. localhost:7233)", e);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + shown(t) + "' is not HOST:PORT (e.g. localhost:7233)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + shown(t) + "' is not HOST:PORT (e.g. localhost:7233)");
        }
        if (uri.getPort() < 0) {
            throw new IllegalArgumentException("'" + shown(t) + "' has no port: give HOST:PORT (Temporal's is "
                    + "usually 7233)");
        }
        return new TemporalTarget(uri.getHost(), uri.getPort(), taskQueue);
    }

    /** The task queue as given, or the default when blank; refused when it holds control characters or is too long. */
    private static String queue(String q) {
        String s = q == null ? "" : q.strip();
        if (s.isEmpty()) {
            return DEFAULT_TASK_QUEUE;
        }
        if (s.length() > MAX_QUEUE_LENGTH) {
            throw new IllegalArgumentException("the task queue name is longer than " + MAX_QUEUE_LENGTH
                    + " characters");
        }
        if (s.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new IllegalArgumentException("the task queue name holds control characters");
        }
        return s;
    }

    private static String shown(String text) {
        String one = SafeText.escapeControls(text);
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }

    /** {@code HOST:PORT}, as Temporal's client takes it (an IPv6 host in brackets). */
    public String hostPort() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Where, in a few words: {@code Temporal at localhost:7233 (task queue baton)}. */
    public String describe() {
        return "Temporal at " + hostPort() + " (task queue " + taskQueue + ")";
    }

    /**
     * Null when something accepts a connection at {@code HOST:PORT} within {@code limit}, else why not in one line:
     * a frontend that is down or a name that does not resolve is said at once, not after the client's own retries.
     */
    public String unreachable(Duration limit) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, limit.toMillis()));
            return null;
        } catch (java.net.SocketTimeoutException e) {
            return "no answer within " + limit.toSeconds() + " s";
        } catch (java.net.UnknownHostException e) {
            return "unknown host " + shown(host);
        } catch (IOException | RuntimeException e) {
            return SafeText.reason(e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
