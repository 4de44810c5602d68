package dev.baton.flow.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.ContextMode;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.JudgeStrategy;
import dev.baton.flow.NodeKind;
import dev.baton.flow.OnExhausted;
import dev.baton.flow.RouteOp;
import dev.baton.flow.RouterMode;
import dev.baton.flow.WorkerFailurePolicy;

import java.util.List;
import java.util.Map;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;

/**
 * The {@code baton.flow/1} document as Jackson sees it. Kept apart from the model so that the file format can evolve
 * (a {@code baton.flow/2} gets its own DTOs) without touching the records the engine and the canvas share. Every
 * component is nullable: absence is decided by the mapping, which knows the JSON pointer and can say where.
 * Required strings are written even when empty, so that whatever the model holds reads back the same.
 */
final class Dtos {

    private Dtos() {
    }

    /** The whole file; {@code format} first so that a reader can sniff it. */
    @JsonPropertyOrder({"format", "id", "name", "description", "defaultModel", "limits", "tools", "nodes", "edges"})
    record FlowDto(@JsonInclude(ALWAYS) String format, @JsonInclude(ALWAYS) String id, String name,
                   String description, ModelRefDto defaultModel, LimitsDto limits, List<NodeDto> nodes,
                   List<EdgeDto> edges, ToolsDto tools) {
    }

    /** The flow's tool settings; only names of variables and credentials, never their values. */
    @JsonPropertyOrder({"workspace", "httpAllowHosts", "mcpServers", "maxToolCalls", "approval"})
    record ToolsDto(String workspace, List<String> httpAllowHosts, List<McpServerDto> mcpServers,
                    Integer maxToolCalls, Map<String, String> approval) {
    }

    /** An MCP server: stdio (command, args, env names) or Streamable HTTP (url, header → variable name). */
    @JsonPropertyOrder({"name", "command", "args", "env", "url", "headers", "startTimeoutSeconds",
            "callTimeoutSeconds"})
    record McpServerDto(@JsonInclude(ALWAYS) String name, String command, List<String> args, List<String> env,
                        String url, List<HeaderDto> headers, Integer startTimeoutSeconds,
                        Integer callTimeoutSeconds) {
    }

    /**
     * An http header of an MCP server and the variable or credential its value comes from. A list of objects, not a
     * map: a header name such as "Authorization" as a field name would be refused as a secret by the reader.
     */
    @JsonPropertyOrder({"name", "valueFrom"})
    record HeaderDto(@JsonInclude(ALWAYS) String name, @JsonInclude(ALWAYS) String valueFrom) {
    }

    /** A model reference; never a key. */
    @JsonPropertyOrder({"provider", "name", "baseUrl", "temperature", "timeoutSeconds", "maxOutputTokens"})
    record ModelRefDto(@JsonInclude(ALWAYS) String provider, @JsonInclude(ALWAYS) String name, String baseUrl,
                       Double temperature, Integer timeoutSeconds, Integer maxOutputTokens) {
    }

    /** Run bounds, durations as whole seconds. */
    @JsonPropertyOrder({"maxTurnsPerAgent", "maxHandoffs", "maxCriticRetries", "agentTimeoutSeconds",
            "runDeadlineSeconds", "tokenBudget"})
    record LimitsDto(Integer maxTurnsPerAgent, Integer maxHandoffs, Integer maxCriticRetries, Long agentTimeoutSeconds,
                     Long runDeadlineSeconds, Long tokenBudget) {
    }

    /** One node of any kind. */
    @JsonPropertyOrder({"id", "kind", "name", "role", "goal", "instructions", "model", "tools", "maxToolCalls",
            "approval", "expectedOutput", "critic", "judge", "router", "onWorkerFailure", "position"})
    record NodeDto(@JsonInclude(ALWAYS) String id, NodeKind kind, String name, String role, String goal,
                   String instructions, ModelRefDto model, List<String> tools, String expectedOutput,
                   CriticDto critic, JudgeDto judge, RouterDto router, WorkerFailurePolicy onWorkerFailure,
                   PositionDto position, Integer maxToolCalls, Map<String, String> approval) {
    }

    /** A router's mode. */
    record RouterDto(RouterMode mode) {
    }

    /** A critic's rubric and checks; written as {@code {}} when both are empty, so that the spec survives. */
    @JsonPropertyOrder({"rubric", "checks"})
    record CriticDto(String rubric, List<CheckDto> checks) {
    }

    /** A deterministic check, told apart by its {@code type} field. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = JsonSchemaCheckDto.class, name = "jsonSchema"),
            @JsonSubTypes.Type(value = RegexCheckDto.class, name = "regex"),
            @JsonSubTypes.Type(value = MustContainCheckDto.class, name = "mustContain"),
            @JsonSubTypes.Type(value = LengthCheckDto.class, name = "length")})
    sealed interface CheckDto permits JsonSchemaCheckDto, RegexCheckDto, MustContainCheckDto, LengthCheckDto {
    }

    /** The output must validate against {@code schema}; an empty schema object is kept, it means "any JSON". */
    record JsonSchemaCheckDto(@JsonInclude(JsonInclude.Include.NON_NULL) JsonNode schema) implements CheckDto {
    }

    /** The output must contain a match of {@code pattern}. */
    record RegexCheckDto(@JsonInclude(ALWAYS) String pattern) implements CheckDto {
    }

    /** The output must contain every phrase. */
    record MustContainCheckDto(List<String> phrases) implements CheckDto {
    }

    /** Length bounds in characters. */
    @JsonPropertyOrder({"min", "max"})
    record LengthCheckDto(Integer min, Integer max) implements CheckDto {
    }

    /** A judge's strategy, trust scores and verifier. */
    @JsonPropertyOrder({"strategy", "trust", "verifierId"})
    record JudgeDto(JudgeStrategy strategy, Map<String, Double> trust, String verifierId) {
    }

    /** A canvas position. */
    @JsonPropertyOrder({"x", "y"})
    record PositionDto(Double x, Double y) {
    }

    /** One edge of any kind. */
    @JsonPropertyOrder({"id", "kind", "from", "to", "label", "context", "review", "route"})
    record EdgeDto(@JsonInclude(ALWAYS) String id, EdgeKind kind, @JsonInclude(ALWAYS) String from,
                   @JsonInclude(ALWAYS) String to, String label, ContextDto context, ReviewDto review,
                   RouteDto route) {
    }

    /** What a ROUTE edge says; {@code default} is written only when true. */
    @JsonPropertyOrder({"description", "when", "default", "maxVisits"})
    record RouteDto(String description, WhenDto when,
                    @com.fasterxml.jackson.annotation.JsonProperty("default") Boolean isDefault, Integer maxVisits) {
    }

    /** A rule router's condition. */
    @JsonPropertyOrder({"op", "field", "value"})
    record WhenDto(RouteOp op, String field, String value) {
    }

    /** What a work-carrying edge passes on. */
    @JsonPropertyOrder({"mode", "fields", "tokenBudget"})
    record ContextDto(ContextMode mode, List<String> fields, Integer tokenBudget) {
    }

    /** The retry loop of a REVIEWS edge. */
    @JsonPropertyOrder({"maxRetries", "onExhausted"})
    record ReviewDto(Integer maxRetries, OnExhausted onExhausted) {
    }
}
