package dev.baton.flow.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.JudgeStrategy;
import dev.baton.flow.Limits;
import dev.baton.flow.ModelRef;
import dev.baton.flow.Position;
import dev.baton.flow.ReviewPolicy;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.NodeKind;
import dev.baton.flow.RouteCondition;
import dev.baton.flow.RouteSpec;
import dev.baton.flow.RouterSpec;
import dev.baton.flow.io.Dtos.CheckDto;
import dev.baton.flow.io.Dtos.ContextDto;
import dev.baton.flow.io.Dtos.CriticDto;
import dev.baton.flow.io.Dtos.EdgeDto;
import dev.baton.flow.io.Dtos.FlowDto;
import dev.baton.flow.io.Dtos.JsonSchemaCheckDto;
import dev.baton.flow.io.Dtos.JudgeDto;
import dev.baton.flow.io.Dtos.LengthCheckDto;
import dev.baton.flow.io.Dtos.LimitsDto;
import dev.baton.flow.io.Dtos.ModelRefDto;
import dev.baton.flow.io.Dtos.MustContainCheckDto;
import dev.baton.flow.io.Dtos.NodeDto;
import dev.baton.flow.io.Dtos.PositionDto;
import dev.baton.flow.io.Dtos.RegexCheckDto;
import dev.baton.flow.io.Dtos.ReviewDto;
import dev.baton.flow.io.Dtos.RouteDto;
import dev.baton.flow.io.Dtos.RouterDto;
import dev.baton.flow.io.Dtos.WhenDto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the DTOs of {@code baton.flow/1} to the model and back. Reading decides what absence means (required fields
 * fail with their location; optional ones become null or the model's default) and refuses nulls inside lists.
 */
final class FlowMapping {

    private final SourceMap sourceMap;

    private FlowMapping(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    /** The model of a bound document; locations for errors come from the source map. */
    static Flow toModel(FlowDto dto, SourceMap sourceMap) throws FlowLoadException {
        return new FlowMapping(sourceMap).flow(dto);
    }

    // ---------------------------------------------------------------- reading

    private Flow flow(FlowDto dto) throws FlowLoadException {
        String id = required(dto.id(), "", "id");
        ModelRef defaultModel = dto.defaultModel() == null ? null : modelRef(dto.defaultModel(), "/defaultModel");
        Limits limits = dto.limits() == null ? Limits.DEFAULT : limits(dto.limits());
        List<AgentNode> nodes = new ArrayList<>();
        List<NodeDto> nodeDtos = noNulls(dto.nodes(), "/nodes");
        for (int i = 0; i < nodeDtos.size(); i++) {
            nodes.add(node(nodeDtos.get(i), "/nodes/" + i));
        }
        List<Edge> edges = new ArrayList<>();
        List<EdgeDto> edgeDtos = noNulls(dto.edges(), "/edges");
        for (int i = 0; i < edgeDtos.size(); i++) {
            edges.add(edge(edgeDtos.get(i), "/edges/" + i));
        }
        return new Flow(id, dto.name(), dto.description(), defaultModel, limits, nodes, edges,
                new ToolMapping(sourceMap).tools(dto.tools()));
    }

    private ModelRef modelRef(ModelRefDto dto, String pointer) throws FlowLoadException {
        return new ModelRef(required(dto.provider(), pointer, "provider"), required(dto.name(), pointer, "name"),
                dto.baseUrl(), finite(dto.temperature(), pointer + "/temperature"), dto.timeoutSeconds(),
                dto.maxOutputTokens());
    }

    private static Limits limits(LimitsDto dto) {
        Limits d = Limits.DEFAULT;
        return new Limits(
                dto.maxTurnsPerAgent() != null ? dto.maxTurnsPerAgent() : d.maxTurnsPerAgent(),
                dto.maxHandoffs(),
                dto.maxCriticRetries() != null ? dto.maxCriticRetries() : d.maxCriticRetries(),
                dto.agentTimeoutSeconds() != null ? Duration.ofSeconds(dto.agentTimeoutSeconds()) : d.agentTimeout(),
                dto.runDeadlineSeconds() != null ? Duration.ofSeconds(dto.runDeadlineSeconds()) : d.runDeadline(),
                dto.tokenBudget());
    }

    private AgentNode node(NodeDto dto, String pointer) throws FlowLoadException {
        String id = required(dto.id(), pointer, "id");
        required(dto.kind(), pointer, "kind");
        ModelRef model = dto.model() == null ? null : modelRef(dto.model(), pointer + "/model");
        Position position = dto.position() == null ? Position.ORIGIN : new Position(
                orZero(finite(dto.position().x(), pointer + "/position/x")),
                orZero(finite(dto.position().y(), pointer + "/position/y")));
        CriticSpec critic = dto.critic() == null ? null : critic(dto.critic(), pointer + "/critic");
        JudgeSpec judge = dto.judge() == null ? null : judge(dto.judge(), pointer + "/judge");
        RouterSpec router = dto.router() == null ? null
                : new RouterSpec(dto.router().mode() != null ? dto.router().mode() : RouterSpec.DEFAULT.mode());
        if (router == null && dto.kind() == NodeKind.ROUTER) {
            router = RouterSpec.DEFAULT;
        }
        return new AgentNode(id, dto.kind(), dto.name(), dto.role(), dto.goal(), dto.instructions(), model,
                noNulls(dto.tools(), pointer + "/tools"), dto.expectedOutput(), position, critic, judge, router,
                dto.onWorkerFailure(), new ToolMapping(sourceMap).node(dto.maxToolCalls(), dto.approval(), pointer));
    }

    private CriticSpec critic(CriticDto dto, String pointer) throws FlowLoadException {
        List<Check> checks = new ArrayList<>();
        List<CheckDto> checkDtos = noNulls(dto.checks(), pointer + "/checks");
        for (int i = 0; i < checkDtos.size(); i++) {
            checks.add(check(checkDtos.get(i), pointer + "/checks/" + i));
        }
        return new CriticSpec(dto.rubric(), checks);
    }

    private Check check(CheckDto dto, String pointer) throws FlowLoadException {
        if (dto instanceof JsonSchemaCheckDto schemaCheck) {
            JsonNode schema = schemaCheck.schema();
            if (schema == null || schema.isNull()) {
                throw missing(pointer, "schema");
            }
            if (!schema.isObject()) {
                throw new FlowLoadException(sourceMap.describe(pointer + "/schema"),
                        "expected an object (a JSON Schema), found " + MappingErrors.describeNode(schema));
            }
            return new Check.JsonSchema(CanonicalJson.compact(schema));
        }
        if (dto instanceof RegexCheckDto regex) {
            return new Check.Regex(required(regex.pattern(), pointer, "pattern"));
        }
        if (dto instanceof MustContainCheckDto mustContain) {
            return new Check.MustContain(noNulls(mustContain.phrases(), pointer + "/phrases"));
        }
        LengthCheckDto length = (LengthCheckDto) dto;
        return new Check.Length(length.min(), length.max());
    }

    private JudgeSpec judge(JudgeDto dto, String pointer) throws FlowLoadException {
        Map<String, Double> trust = new LinkedHashMap<>();
        if (dto.trust() != null) {
            for (Map.Entry<String, Double> entry : dto.trust().entrySet()) {
                String at = pointer + "/trust/" + LocatingReader.escape(entry.getKey());
                if (entry.getValue() == null) {
                    throw new FlowLoadException(sourceMap.describe(at), "expected a number, found null");
                }
                trust.put(entry.getKey(), finite(entry.getValue(), at));
            }
        }
        JudgeStrategy strategy = dto.strategy() != null ? dto.strategy() : JudgeStrategy.LLM_JUDGE;
        return new JudgeSpec(strategy, trust, dto.verifierId());
    }

    private Edge edge(EdgeDto dto, String pointer) throws FlowLoadException {
        String id = required(dto.id(), pointer, "id");
        required(dto.kind(), pointer, "kind");
        String from = required(dto.from(), pointer, "from");
        String to = required(dto.to(), pointer, "to");
        ContextPolicy context = null;
        if (dto.context() != null) {
            ContextDto c = dto.context();
            context = new ContextPolicy(c.mode() != null ? c.mode() : ContextMode.FULL,
                    noNulls(c.fields(), pointer + "/context/fields"), c.tokenBudget());
        }
        ReviewPolicy review = null;
        if (dto.review() != null) {
            ReviewDto r = dto.review();
            review = new ReviewPolicy(r.maxRetries() != null ? r.maxRetries() : ReviewPolicy.DEFAULT.maxRetries(),
                    r.onExhausted() != null ? r.onExhausted() : ReviewPolicy.DEFAULT.onExhausted());
        }
        RouteSpec route = null;
        if (dto.route() != null) {
            RouteDto r = dto.route();
            RouteCondition when = null;
            if (r.when() != null) {
                when = new RouteCondition(required(r.when().op(), pointer + "/route/when", "op"), r.when().field(),
                        r.when().value());
            }
            route = new RouteSpec(r.description(), when, Boolean.TRUE.equals(r.isDefault()), r.maxVisits());
        } else if (dto.kind() == EdgeKind.ROUTE) {
            route = RouteSpec.EMPTY;
        }
        return new Edge(id, dto.kind(), from, to, context, review, dto.label(), route);
    }

    private <T> T required(T value, String parentPointer, String field) throws FlowLoadException {
        if (value == null) {
            throw missing(parentPointer, field);
        }
        return value;
    }

    private FlowLoadException missing(String parentPointer, String field) {
        return new FlowLoadException(sourceMap.describe(parentPointer + "/" + field),
                "missing required field '" + field + "'");
    }

    private <T> List<T> noNulls(List<T> list, String pointer) throws FlowLoadException {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new FlowLoadException(sourceMap.describe(pointer + "/" + i), "null is not allowed in a list");
            }
        }
        return list;
    }

    private Double finite(Double value, String pointer) throws FlowLoadException {
        if (value != null && !Double.isFinite(value)) {
            throw new FlowLoadException(sourceMap.describe(pointer), "the number is out of range");
        }
        return value;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    // ---------------------------------------------------------------- writing

    /** The DTOs of a model flow, ready for the canonical printer. */
    static FlowDto toDto(Flow flow) {
        return new FlowDto(FlowJson.FORMAT, flow.id(), flow.name(), flow.description(),
                modelRefDto(flow.defaultModel()), limitsDto(flow.limits()),
                flow.nodes().stream().map(FlowMapping::nodeDto).toList(),
                flow.edges().stream().map(FlowMapping::edgeDto).toList(), ToolMapping.toolsDto(flow.tools()));
    }

    private static ModelRefDto modelRefDto(ModelRef ref) {
        return ref == null ? null : new ModelRefDto(ref.provider(), ref.name(), ref.baseUrl(), ref.temperature(),
                ref.timeoutSeconds(), ref.maxOutputTokens());
    }

    private static LimitsDto limitsDto(Limits l) {
        return new LimitsDto(l.maxTurnsPerAgent(), l.maxHandoffs(), l.maxCriticRetries(), l.agentTimeout().toSeconds(),
                l.runDeadline().toSeconds(), l.tokenBudget());
    }

    private static NodeDto nodeDto(AgentNode n) {
        Position p = n.position();
        return new NodeDto(n.id(), n.kind(), n.name(), n.role(), n.goal(), n.instructions(), modelRefDto(n.model()),
                n.tools(), n.expectedOutput(), criticDto(n.critic()), judgeDto(n.judge()),
                n.router() == null ? null : new RouterDto(n.router().mode()), n.onWorkerFailure(),
                new PositionDto(p.x(), p.y()),
                n.toolSettings() == null ? null : n.toolSettings().maxToolCalls(),
                n.toolSettings() == null ? null : ToolMapping.words(n.toolSettings().approval()));
    }

    private static CriticDto criticDto(CriticSpec spec) {
        return spec == null ? null
                : new CriticDto(spec.rubric(), spec.checks().stream().map(FlowMapping::checkDto).toList());
    }

    private static CheckDto checkDto(Check check) {
        if (check instanceof Check.JsonSchema schema) {
            return new JsonSchemaCheckDto(parseSchema(schema.schema()));
        }
        if (check instanceof Check.Regex regex) {
            return new RegexCheckDto(regex.pattern());
        }
        if (check instanceof Check.MustContain mustContain) {
            return new MustContainCheckDto(mustContain.phrases());
        }
        Check.Length length = (Check.Length) check;
        return new LengthCheckDto(length.min(), length.max());
    }

    private static JsonNode parseSchema(String text) {
        try {
            return SchemaText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a jsonSchema check holds an invalid schema: " + e.getMessage(), e);
        }
    }

    private static JudgeDto judgeDto(JudgeSpec spec) {
        return spec == null ? null : new JudgeDto(spec.strategy(), spec.trust(), spec.verifierId());
    }

    private static EdgeDto edgeDto(Edge e) {
        ContextPolicy c = e.context();
        ReviewPolicy r = e.review();
        return new EdgeDto(e.id(), e.kind(), e.from(), e.to(), e.label(),
                c == null ? null : new ContextDto(c.mode(), c.fields(), c.tokenBudget()),
                r == null ? null : new ReviewDto(r.maxRetries(), r.onExhausted()), routeDto(e.route()));
    }

    private static RouteDto routeDto(RouteSpec r) {
        if (r == null) {
            return null;
        }
        RouteCondition c = r.condition();
        return new RouteDto(r.description(), c == null ? null : new WhenDto(c.op(), c.field(), c.value()),
                r.isDefault() ? Boolean.TRUE : null, r.maxVisits());
    }
}
