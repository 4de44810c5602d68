package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.baton.audit.AuditWriter;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.baton.cli.AuditCommandTest.baton;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code baton audit export RUN --format otlp}: every sample run on the simulated model, recorded into a temp audit
 * database, exports to an OTLP/JSON trace whose spans, parents, ids and times follow from the audit's own events
 * (read back through the JSON export, not through the code under test). The file is read twice: as a JSON tree, and
 * by protobuf's own JSON parser into the OTLP {@code ExportTraceServiceRequest} message, which refuses any key or
 * value the OTLP schema does not have.
 */
class OtlpExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chain-blog-article.json", "parallel-contract-review.json",
            "supervisor-market-entry-japan.json", "swarm-customer-support.json"})
    void theTraceOfEverySampleMatchesItsAuditEvents(String sample) throws Exception {
        Path db = dir.resolve("audit");
        String runId = record(db, sample);
        Path file = dir.resolve("trace.json");
        AuditCommandTest.Result r = baton("audit", "export", runId.substring(runId.length() - 8), "--db",
                db.toString(), "--format", "otlp", "-o", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String uuidHex = runId.substring("run-".length()).replace("-", "");
        assertThat(r.out()).contains("trace " + uuidHex);

        List<JsonNode> events = new ArrayList<>();
        JSON.readTree(baton("audit", "export", runId, "--db", db.toString(), "--format", "json").out())
                .get("events").forEach(events::add);
        JsonNode request = JSON.readTree(file.toFile());
        assertThat(request.fieldNames()).toIterable().containsExactly("resourceSpans");
        JsonNode resourceSpans = request.get("resourceSpans");
        assertThat(resourceSpans).hasSize(1);
        assertThat(attributes(resourceSpans.get(0).get("resource")).get("service.name").asText()).isEqualTo("baton");
        JsonNode scopeSpans = resourceSpans.get(0).get("scopeSpans");
        assertThat(scopeSpans).hasSize(1);
        assertThat(scopeSpans.get(0).get("scope").get("name").asText()).isEqualTo("dev.baton");
        List<JsonNode> spans = new ArrayList<>();
        scopeSpans.get(0).get("spans").forEach(spans::add);

        Map<String, Long> count = new HashMap<>();
        Map<Long, JsonNode> bySeq = new HashMap<>();
        for (JsonNode e : events) {
            count.merge(e.get("kind").asText(), 1L, Long::sum);
            bySeq.put(e.get("seq").asLong(), e);
        }
        long expected = 1 + n(count, "AgentStarted") + n(count, "CriticVerdict") + n(count, "ModelRequested")
                + n(count, "ToolCalled") + n(count, "Handoff");
        assertThat(spans).hasSize((int) expected);
        assertThat(operations(spans, "invoke_agent")).hasSize((int) (n(count, "AgentStarted")
                + n(count, "CriticVerdict")));
        assertThat(operations(spans, "chat")).hasSize((int) n(count, "ModelRequested"));
        assertThat(operations(spans, "execute_tool")).hasSize((int) (n(count, "ToolCalled") + n(count, "Handoff")));

        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode s : spans) {
            assertThat(s.get("traceId").asText()).isEqualTo(uuidHex);
            assertThat(byId.put(s.get("spanId").asText(), s)).as("span ids are unique").isNull();
        }
        List<JsonNode> roots = spans.stream().filter(s -> parent(s).isEmpty()).toList();
        assertThat(roots).hasSize(1);
        JsonNode root = roots.get(0);
        assertThat(root.get("name").asText()).isEqualTo("run " + bySeq.get(1L).get("payload").get("flowName").asText());
        assertThat(root.get("status").get("code").asInt()).isEqualTo(1); // STATUS_CODE_OK
        for (JsonNode s : spans) {
            Map<String, JsonNode> a = attributes(s);
            long seq = a.get("baton.event.seq").asLong();
            JsonNode opening = bySeq.get(seq);
            // timestamps are the recorded ones: a span starts at its opening event's time (nanoseconds)
            assertThat(Long.parseLong(s.get("startTimeUnixNano").asText())).isEqualTo(nanos(opening));
            assertThat(Long.parseLong(s.get("endTimeUnixNano").asText()))
                    .isEqualTo(nanos(bySeq.get(a.get("baton.event.seq_end").asLong())));
            if (s != root) {
                assertThat(byId).as("parent of " + s.get("name")).containsKey(parent(s));
            }
            JsonNode p = byId.get(parent(s));
            String op = a.containsKey("gen_ai.operation.name") ? a.get("gen_ai.operation.name").asText() : "";
            if (op.equals("chat")) {
                JsonNode reply = events.stream().filter(e -> e.get("kind").asText().equals("ModelResponded")
                        && e.get("nodeId").asText().equals(opening.get("nodeId").asText())
                        && e.get("seq").asLong() > seq).findFirst().orElseThrow();
                assertThat(opening.get("kind").asText()).isEqualTo("ModelRequested");
                assertThat(attributes(p).get("gen_ai.operation.name").asText()).isEqualTo("invoke_agent");
                assertThat(attributes(p).get("gen_ai.agent.id").asText()).isEqualTo(opening.get("nodeId").asText());
                assertThat(a.get("gen_ai.request.model").asText()).isEqualTo(reply.get("payload").get("model").asText());
                assertThat(a.get("gen_ai.provider.name").asText()).isEqualTo("baton.simulated");
                assertThat(a.get("gen_ai.usage.input_tokens").asLong())
                        .isEqualTo(reply.get("payload").get("inputTokens").asLong());
                assertThat(a.get("gen_ai.usage.output_tokens").asLong())
                        .isEqualTo(reply.get("payload").get("outputTokens").asLong());
                assertThat(a.get("gen_ai.response.finish_reasons").get("arrayValue").get("values").get(0)
                        .get("stringValue").asText()).isIn("stop", "tool_calls");
                assertThat(s.get("kind").asInt()).isEqualTo(3); // SPAN_KIND_CLIENT
            } else if (op.equals("invoke_agent") && opening.get("kind").asText().equals("AgentStarted")) {
                String node = opening.get("nodeId").asText();
                JsonNode delegation = events.stream().filter(e -> e.get("kind").asText().equals("Delegated")
                        && e.get("payload").get("worker").asText().equals(node)
                        && e.get("seq").asLong() < seq).reduce((x, y) -> y).orElse(null);
                boolean delegated = delegation != null && events.stream().noneMatch(e -> e.get("kind").asText()
                        .equals("AgentStarted") && e.get("nodeId").asText().equals(node)
                        && e.get("seq").asLong() > delegation.get("seq").asLong() && e.get("seq").asLong() < seq);
                if (delegated) {
                    assertThat(attributes(p).get("gen_ai.tool.call.id").asText())
                            .isEqualTo(delegation.get("payload").get("callId").asText());
                } else {
                    assertThat(p).isSameAs(root);
                }
            }
        }
        assertThat(spanEvents(spans, "baton.critic.verdict")).isEqualTo(n(count, "CriticVerdict"));
        assertThat(spanEvents(spans, "baton.judge.decision")).isEqualTo(n(count, "JudgeDecision"));
        List<JsonNode> handoffs = operations(spans, "execute_tool").stream()
                .filter(s -> attributes(s).containsKey("baton.handoff.reason")).toList();
        assertThat(handoffs).hasSize((int) n(count, "Handoff"));

        // the same file through protobuf's JSON parser: valid OTLP, same spans, same tree
        List<Span> parsed = new ArrayList<>();
        ExportTraceServiceRequest proto = parseOtlp(Files.readString(file));
        for (ResourceSpans rs : proto.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                assertThat(ss.getScope().getName()).isEqualTo("dev.baton");
                parsed.addAll(ss.getSpansList());
            }
        }
        assertThat(parsed).hasSize((int) expected);
        Map<ByteString, Span> protoById = new HashMap<>();
        for (Span s : parsed) {
            assertThat(HexFormat.of().formatHex(s.getTraceId().toByteArray())).isEqualTo(uuidHex);
            assertThat(s.getSpanId().size()).isEqualTo(8);
            assertThat(protoById.put(s.getSpanId(), s)).as("span ids are unique").isNull();
        }
        assertThat(parsed.stream().filter(s -> s.getParentSpanId().isEmpty())).singleElement()
                .satisfies(r0 -> assertThat(r0.getName()).isEqualTo(root.get("name").asText()));
        for (Span s : parsed) {
            JsonNode tree = byId.get(HexFormat.of().formatHex(s.getSpanId().toByteArray()));
            assertThat(tree).as("span " + s.getName() + " in the JSON tree").isNotNull();
            assertThat(HexFormat.of().formatHex(s.getParentSpanId().toByteArray())).isEqualTo(parent(tree));
            if (!s.getParentSpanId().isEmpty()) {
                assertThat(protoById).as("parent of " + s.getName()).containsKey(s.getParentSpanId());
            }
            long seq = s.getAttributesList().stream().filter(kv -> kv.getKey().equals("baton.event.seq"))
                    .mapToLong(kv -> kv.getValue().getIntValue()).findFirst().orElseThrow();
            assertThat(s.getStartTimeUnixNano()).isEqualTo(nanos(bySeq.get(seq)));
        }
        assertThat(parsed.stream().filter(s -> s.getAttributesList().stream().anyMatch(kv -> kv.getKey()
                .equals("gen_ai.operation.name") && kv.getValue().getStringValue().equals("chat"))))
                .hasSize((int) n(count, "ModelRequested"));
    }

    @Test
    void aFileThatIsNotOtlpDoesNotParse() throws Exception {
        Path db = dir.resolve("audit");
        String runId = record(db, "chain-blog-article.json");
        Path file = dir.resolve("trace.json");
        assertThat(baton("audit", "export", runId, "--db", db.toString(), "--format", "otlp", "-o",
                file.toString()).code()).isZero();
        String json = Files.readString(file);
        assertThat(parseOtlp(json).getResourceSpans(0).getScopeSpans(0).getSpansCount()).isPositive();
        // one key the OTLP schema does not have, or a value of the wrong type, and the parser says no
        assertThatThrownBy(() -> parseOtlp(json.replaceFirst("\"startTimeUnixNano\"", "\"startTimeUnixNanos\"")))
                .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("startTimeUnixNanos");
        assertThatThrownBy(() -> parseOtlp(json.replaceFirst("\"kind\":\\d", "\"kind\":\"sideways\"")))
                .isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> parseOtlp(json.replaceFirst("\"intValue\":\"\\d+\"", "\"intValue\":\"many\"")))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }

    /**
     * Parses OTLP/JSON with protobuf's {@link JsonFormat} (unknown keys rejected). OTLP/JSON departs from the standard
     * protobuf JSON mapping in one point that matters here: {@code traceId}, {@code spanId} and {@code parentSpanId}
     * are hex strings, where protobuf's mapping of {@code bytes} expects base64 (hex digits are valid base64, so an
     * unconverted 32-digit trace id would silently parse as 24 wrong bytes). As the OTLP specification says a
     * receiver must, those ids are converted from hex before parsing; everything else (lowerCamelCase keys, enums as
     * integers, 64-bit integers as strings) is read by the plain parser.
     */
    static ExportTraceServiceRequest parseOtlp(String json) throws Exception {
        JsonNode tree = JSON.readTree(json);
        hexIdsToBase64(tree);
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        JsonFormat.parser().merge(JSON.writeValueAsString(tree), request);
        return request.build();
    }

    private static void hexIdsToBase64(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String id : List.of("traceId", "spanId", "parentSpanId")) {
                if (object.has(id) && object.get(id).isTextual()) {
                    String hex = object.get(id).asText();
                    int bytes = id.equals("traceId") ? 16 : 8;
                    if (!hex.isEmpty() && hex.length() != 2 * bytes) {
                        throw new IllegalArgumentException(id + " is not " + bytes + " bytes of hex: " + hex);
                    }
                    object.put(id, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)));
                }
            }
        }
        node.forEach(OtlpExportTest::hexIdsToBase64);
    }

    private static String record(Path db, String sample) throws Exception {
        // critics reject often, so that retries and second reviews are part of the trace
        FlowRunner runner = FlowRunner.create(new SimulatedProvider(
                SimulatedModel.Settings.DEFAULT.withCriticFailRate(0.6)), RunnerOptions.DEFAULT);
        Flow flow = FlowFiles.load(Path.of("sample-flows", sample)).flow();
        try (AuditWriter writer = AuditWriter.open(db)) {
            RunHandle h = runner.start(flow, RunRequest.of("Should we enter the Japanese market? I was charged "
                    + "twice on my invoice.").withoutHumanInput(), writer.listenerFor(flow));
            h.result().get(30, TimeUnit.SECONDS);
            assertThat(writer.awaitCommitted(h.runId(), Duration.ofSeconds(30))).isTrue();
            return h.runId();
        }
    }

    private static long n(Map<String, Long> count, String kind) {
        return count.getOrDefault(kind, 0L);
    }

    private static long nanos(JsonNode event) {
        Instant t = Instant.parse(event.get("time").asText());
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static String parent(JsonNode span) {
        return span.has("parentSpanId") ? span.get("parentSpanId").asText() : "";
    }

    /** OTLP/JSON attributes: a list of {key, value: {stringValue|intValue|…}} → key to the value's content. */
    static Map<String, JsonNode> attributes(JsonNode withAttributes) {
        Map<String, JsonNode> map = new HashMap<>();
        for (JsonNode kv : withAttributes.path("attributes")) {
            JsonNode value = kv.get("value");
            map.put(kv.get("key").asText(), value.has("arrayValue") ? value : value.elements().next());
        }
        return map;
    }

    private static List<JsonNode> operations(List<JsonNode> spans, String op) {
        return spans.stream().filter(s -> attributes(s).containsKey("gen_ai.operation.name")
                && attributes(s).get("gen_ai.operation.name").asText().equals(op)).toList();
    }

    private static long spanEvents(List<JsonNode> spans, String name) {
        return spans.stream().flatMap(s -> {
            List<JsonNode> list = new ArrayList<>();
            s.path("events").forEach(list::add);
            return list.stream();
        }).filter(e -> e.get("name").asText().equals(name)).count();
    }
}
