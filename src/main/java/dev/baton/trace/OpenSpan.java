package dev.baton.trace;

import dev.baton.secret.Redactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.StatusData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A span being built from events: attributes, events and links collect until the event that ends it. Every string
 * that goes in passes the same redactor as the audit, so a key in a live run's text never leaves the machine.
 */
final class OpenSpan {

    private String name;
    private final SpanKind kind;
    private final SpanContext context;
    private final SpanContext parent;
    private final long startNanos;
    private final String nodeId;
    private final boolean implicit;
    private final AttributesBuilder attributes = Attributes.builder();
    private final List<EventData> events = new ArrayList<>();
    private final List<LinkData> links = new ArrayList<>();
    private StatusData status = StatusData.unset();
    private final Redactor redactor;

    OpenSpan(Redactor redactor, String name, SpanKind kind, String traceId, String spanId, SpanContext parent,
             Instant start, String nodeId, boolean implicit) {
        this.redactor = redactor;
        this.name = redact(name);
        this.kind = kind;
        this.context = SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
        this.parent = parent == null ? SpanContext.getInvalid() : parent;
        this.startNanos = nanos(start);
        this.nodeId = nodeId;
        this.implicit = implicit;
    }

    SpanContext context() {
        return context;
    }

    String nodeId() {
        return nodeId;
    }

    /** True for a span no AgentStarted opened: a critic's review, which its verdict closes. */
    boolean implicit() {
        return implicit;
    }

    OpenSpan rename(String newName) {
        this.name = redact(newName);
        return this;
    }

    OpenSpan put(String key, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(key, redact(value));
        }
        return this;
    }

    OpenSpan put(String key, long value) {
        attributes.put(key, value);
        return this;
    }

    OpenSpan put(String key, boolean value) {
        attributes.put(key, value);
        return this;
    }

    OpenSpan put(String key, double value) {
        attributes.put(key, value);
        return this;
    }

    OpenSpan put(String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            attributes.put(AttributeKey.stringArrayKey(key), values.stream().map(this::redact).toList());
        }
        return this;
    }

    OpenSpan event(String eventName, Instant time, Attributes eventAttributes) {
        events.add(EventData.create(nanos(time), eventName, eventAttributes));
        return this;
    }

    OpenSpan link(SpanContext to, Attributes linkAttributes) {
        links.add(LinkData.create(to, linkAttributes));
        return this;
    }

    OpenSpan ok() {
        if (status.getStatusCode() == StatusCode.UNSET) {
            status = StatusData.ok();
        }
        return this;
    }

    OpenSpan error(String errorType, String description) {
        status = StatusData.create(StatusCode.ERROR, redact(description));
        put("error.type", errorType);
        return this;
    }

    /** The finished span; an end before the start (a clock step back) is clamped to a zero-length span. */
    RecordedSpan end(Instant end, long endSeq, Resource resource, InstrumentationScopeInfo scope) {
        put(GenAi.BATON_EVENT_SEQ_END, endSeq);
        return new RecordedSpan(name, kind, context, parent, status, startNanos, Math.max(startNanos, nanos(end)),
                attributes.build(), events, links, resource, scope);
    }

    private String redact(String s) {
        return redact(redactor, s);
    }

    static String redact(Redactor redactor, String s) {
        return s == null ? "" : redactor.redact(s);
    }

    static long nanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }
}
