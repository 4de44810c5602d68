package dev.baton.trace;

import dev.baton.secret.Redactor;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a run's spans to an OTLP/HTTP collector (Jaeger, Langfuse, Phoenix, an OpenTelemetry Collector) while it
 * runs. Spans go through the SDK's {@link BatchSpanProcessor}: a bounded queue drained by its own thread, so a slow
 * or dead collector costs the run nothing; what did not arrive is counted and said once, at the end.
 */
public final class LiveTrace implements RunListener, AutoCloseable {

    /** Spans waiting to be sent at most; beyond, new spans are dropped (and counted), never waited for. */
    static final int MAX_QUEUE = 2048;
    /** The OTLP/HTTP path of traces, added to an endpoint given without a path. */
    static final String TRACES_PATH = "/v1/traces";

    /**
     * The exporter logs each failed batch at SEVERE; during a run that would interleave with the progress lines, so
     * it is silenced and the failure is reported once by {@link #close}. Held here: JUL keeps loggers weakly.
     */
    private static final Logger OTEL_LOG = Logger.getLogger("io.opentelemetry");

    private final String endpoint;
    private final BatchSpanProcessor processor;
    private final RunTraceBuilder builder;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicReference<String> failure = new AtomicReference<>();

    private final Redactor redactor;

    private LiveTrace(String endpoint, String batonVersion, Redactor redactor) {
        this.redactor = redactor;
        this.endpoint = endpoint;
        OTEL_LOG.setLevel(Level.OFF);
        SpanExporter otlp = OtlpHttpSpanExporter.builder().setEndpoint(endpoint)
                .setConnectTimeout(Duration.ofSeconds(2)).setTimeout(Duration.ofSeconds(5))
                // one quick retry for a collector that blinks; the default backs off for seconds, which at the end
                // of a run would only hold the command up when the collector is down
                .setRetryPolicy(RetryPolicy.builder().setMaxAttempts(2).setInitialBackoff(Duration.ofMillis(100))
                        .build())
                .build();
        this.processor = BatchSpanProcessor.builder(new Counting(otlp)).setMaxQueueSize(MAX_QUEUE)
                .setScheduleDelay(Duration.ofMillis(500)).build();
        this.builder = new RunTraceBuilder(OtlpFile.resource(batonVersion), OtlpFile.scope(batonVersion),
                processor::onEnd, redactor);
    }

    /**
     * A sender to {@code url} ({@code http(s)://host:port[/path]}; without a path, {@value #TRACES_PATH} is added).
     *
     * @throws IllegalArgumentException with a one-line reason when the URL is not an http(s) URL
     */
    public static LiveTrace open(String url, String batonVersion, Redactor redactor) {
        return new LiveTrace(endpoint(url), batonVersion, redactor);
    }

    /**
     * The URL spans would be posted to for {@code url} (without a path, {@value #TRACES_PATH} is added).
     *
     * @throws IllegalArgumentException with a one-line reason when the URL is not an http(s) URL
     */
    public static String endpoint(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + url
                    + " (e.g. http://localhost:4318/v1/traces)");
        }
        String path = uri.getRawPath();
        return path == null || path.isEmpty() || path.equals("/")
                ? uri.toString().replaceAll("/?$", "") + TRACES_PATH : uri.toString();
    }

    /** The URL spans are posted to. */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        builder.accept(event);
    }

    /** What became of the spans. */
    public record Report(String endpoint, int spans, int sent, String failure) {
        public int dropped() {
            return spans - sent;
        }

        /** One line for stderr: the {@link #summary}, marked as a warning when spans were lost. */
        public String line() {
            return (dropped() == 0 ? "" : "warning: ") + summary();
        }

        /** What became of the spans in one line, e.g. "otlp: sent 12 spans to http://…/v1/traces". */
        public String summary() {
            if (dropped() == 0) {
                return "otlp: sent " + sent + " spans to " + endpoint;
            }
            return "otlp: " + dropped() + " of " + spans + " spans not delivered to " + endpoint
                    + (failure != null ? " (" + failure + ")" : " (no answer in time)");
        }
    }

    /**
     * Sends what is queued, waiting at most {@code wait} (a dead collector must not hold the command up), and says
     * how many spans arrived. Spans of a run cut short end at its last event.
     */
    public Report close(Duration wait) {
        int spans;
        synchronized (this) {
            builder.finish();
            spans = builder.emitted();
        }
        processor.shutdown().join(wait.toMillis(), TimeUnit.MILLISECONDS);
        return new Report(endpoint, spans, sent.get(), failure.get());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }

    /** Counts the spans the collector accepted and keeps the first reason one was not. */
    private final class Counting implements SpanExporter {
        private final SpanExporter delegate;

        Counting(SpanExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            CompletableResultCode result = delegate.export(spans);
            result.whenComplete(() -> {
                if (result.isSuccess()) {
                    sent.addAndGet(spans.size());
                } else {
                    failure.compareAndSet(null, reason(result.getFailureThrowable()));
                }
            });
            return result;
        }

        /** The first cause past the exporter's own wrappers says most (ConnectException, HttpTimeoutException …). */
        private String reason(Throwable t) {
            if (t == null) {
                return "the collector refused the spans";
            }
            while (t.getClass().getName().startsWith("io.opentelemetry.") && t.getCause() != null) {
                t = t.getCause();
            }
            String message = t.getMessage();
            return OpenSpan.redact(redactor, t.getClass().getSimpleName()
                    + (message == null || message.isBlank() ? "" : ": " + message));
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }
}
