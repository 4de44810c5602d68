package dev.baton.trace;

import dev.baton.secret.Redactor;
import dev.baton.engine.RunEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded run as an OTLP/JSON trace file ({@code ExportTraceServiceRequest}, as a collector's file exporter
 * writes it and OTLP/HTTP with JSON sends it), written by the SDK's own OTLP marshaler.
 */
public final class OtlpFile {

    private OtlpFile() {
    }

    /** What every Baton span says about where it comes from: {@code service.name = baton} and the version. */
    public static Resource resource(String batonVersion) {
        return Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "baton",
                AttributeKey.stringKey("service.version"), batonVersion)));
    }

    /** The instrumentation scope of Baton's spans. */
    public static InstrumentationScopeInfo scope(String batonVersion) {
        return InstrumentationScopeInfo.builder("dev.baton").setVersion(batonVersion).build();
    }

    /** The spans of a run's events, in the order they ended (the root last). */
    public static List<SpanData> spans(List<RunEvent> events, String batonVersion, Redactor redactor) {
        List<SpanData> spans = new ArrayList<>();
        RunTraceBuilder trace = new RunTraceBuilder(resource(batonVersion), scope(batonVersion), spans::add,
                redactor);
        events.forEach(trace::accept);
        trace.finish();
        return spans;
    }

    /** Writes the spans as one OTLP/JSON request object (no trailing newline). */
    public static void write(List<SpanData> spans, OutputStream out) throws IOException {
        TraceRequestMarshaler.create(spans).writeJsonTo(out);
    }
}
