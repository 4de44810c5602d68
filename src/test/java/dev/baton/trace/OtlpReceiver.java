package dev.baton.trace;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback OTLP/HTTP trace receiver for tests: the JDK's HttpServer on {@code /v1/traces}, decoding each protobuf
 * body with the OTLP proto classes and answering as a collector does.
 */
public final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts a receiver on a free loopback port. */
    public static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                receiver.requests.add(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
            }
            byte[] reply = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, reply.length == 0 ? -1 : reply.length);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    /** The base URL, without a path (the sender adds {@code /v1/traces}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span received so far, in arrival order. */
    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        requests.forEach(r -> r.getResourceSpansList().forEach(rs -> rs.getScopeSpansList()
                .forEach(ss -> spans.addAll(ss.getSpansList()))));
        return spans;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
