package dev.baton.ui.inspector;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.JudgeStrategy;
import dev.baton.flow.Limits;
import dev.baton.flow.ModelRef;
import dev.baton.flow.OnExhausted;
import dev.baton.flow.ReviewPolicy;
import dev.baton.flow.RouteSpec;
import dev.baton.flow.RouterMode;
import dev.baton.flow.RouterSpec;
import dev.baton.flow.WorkerFailurePolicy;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.document.command.EditEdge;
import dev.baton.ui.document.command.EditFlow;
import dev.baton.ui.document.command.EditNode;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The inspector's logic, without a stage: reads each field of the selected node, edge or the flow as text, and turns
 * a committed text into one command (one undo step per field edit). A text that cannot be read gives a message and
 * no command; an unchanged value gives neither.
 */
public final class InspectorModel {

    /** Editable node fields. */
    public enum NodeField { NAME, ROLE, GOAL, INSTRUCTIONS, PROVIDER, MODEL_NAME, BASE_URL, TOOLS, EXPECTED_OUTPUT,
        RUBRIC, CHECKS, JUDGE_STRATEGY, VERIFIER, ON_WORKER_FAILURE, MODEL_TIMEOUT_S, ROUTER_MODE,
        MODEL_TEMPERATURE, MODEL_MAX_TOKENS }

    /** Editable edge fields. */
    public enum EdgeField { CONTEXT_MODE, FIELDS, TOKEN_BUDGET, LABEL, MAX_RETRIES, ON_EXHAUSTED, ROUTE_DESCRIPTION,
        ROUTE_CONDITION, ROUTE_DEFAULT, MAX_VISITS }

    /** Editable flow fields. */
    public enum FlowField { NAME, DESCRIPTION, PROVIDER, MODEL_NAME, BASE_URL, MODEL_TEMPERATURE,
        MODEL_MAX_TOKENS, MODEL_TIMEOUT_S, MAX_TURNS, MAX_HANDOFFS,
        MAX_CRITIC_RETRIES, AGENT_TIMEOUT_S, RUN_DEADLINE_S, TOKEN_BUDGET }

    private final FlowDocument document;

    public InspectorModel(FlowDocument document) {
        this.document = document;
    }

    /** The one selected element's id, or empty for the flow (nothing or several selected). */
    public Optional<String> target() {
        return document.selection().size() == 1 ? document.selection().stream().findFirst() : Optional.empty();
    }

    // ---- nodes --------------------------------------------------------------------------------------------

    public static String read(AgentNode n, NodeField f) {
        ModelRef m = n.model();
        return switch (f) {
            case NAME -> n.name();
            case ROLE -> n.role();
            case GOAL -> n.goal();
            case INSTRUCTIONS -> n.instructions();
            case PROVIDER -> m == null ? "" : m.provider();
            case MODEL_NAME -> m == null ? "" : m.name();
            case BASE_URL -> m == null || m.baseUrl() == null ? "" : m.baseUrl();
            case TOOLS -> String.join(", ", n.tools());
            case EXPECTED_OUTPUT -> n.expectedOutput();
            case RUBRIC -> n.critic() == null || n.critic().rubric() == null ? "" : n.critic().rubric();
            case CHECKS -> n.critic() == null ? "" : CheckSyntax.format(n.critic().checks());
            case JUDGE_STRATEGY -> n.judge() == null ? JudgeStrategy.LLM_JUDGE.name() : n.judge().strategy().name();
            case VERIFIER -> n.judge() == null || n.judge().verifierId() == null ? "" : n.judge().verifierId();
            case ON_WORKER_FAILURE -> n.effectiveOnWorkerFailure().name();
            case MODEL_TIMEOUT_S -> m == null || m.timeoutSeconds() == null ? "" : m.timeoutSeconds().toString();
            case MODEL_TEMPERATURE -> m == null || m.temperature() == null ? "" : m.temperature().toString();
            case MODEL_MAX_TOKENS -> m == null || m.maxOutputTokens() == null ? "" : m.maxOutputTokens().toString();
            case ROUTER_MODE -> n.router() == null ? RouterMode.LLM.name() : n.router().mode().name();
        };
    }

    /** Commits one node field; returns a message when the text cannot be used. */
    public Optional<String> commit(String nodeId, NodeField f, String text) {
        Optional<AgentNode> found = document.flow().node(nodeId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AgentNode before = found.get();
        AgentNode after;
        try {
            after = apply(before, f, text.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!after.equals(before)) {
            document.execute(new EditNode(before, after, label(f)));
        }
        return Optional.empty();
    }

    private AgentNode apply(AgentNode n, NodeField f, String t) {
        ModelRef m = n.model();
        return switch (f) {
            case NAME -> n.withName(t);
            case ROLE -> n.withRole(t);
            case GOAL -> n.withGoal(t);
            case INSTRUCTIONS -> n.withInstructions(t);
            case PROVIDER -> t.isEmpty() ? n.withModel(null)
                    : n.withModel(new ModelRef(t, nameAfterProviderChange(m == null ? document.flow().defaultModel()
                    : m, t), m == null ? null : m.baseUrl(), m == null ? null : m.temperature(),
                    m == null ? null : m.timeoutSeconds(), m == null ? null : m.maxOutputTokens()));
            case MODEL_NAME -> m == null && t.isEmpty() ? n : n.withModel(new ModelRef(
                    m == null ? document.flow().defaultModel().provider() : m.provider(), t,
                    m == null ? null : m.baseUrl(), m == null ? null : m.temperature(),
                    m == null ? null : m.timeoutSeconds(), m == null ? null : m.maxOutputTokens()));
            case BASE_URL -> m == null && t.isEmpty() ? n : n.withModel(new ModelRef(
                    m == null ? document.flow().defaultModel().provider() : m.provider(),
                    m == null ? document.flow().defaultModel().name() : m.name(), t.isEmpty() ? null : t,
                    m == null ? null : m.temperature(), m == null ? null : m.timeoutSeconds(),
                    m == null ? null : m.maxOutputTokens()));
            case MODEL_TIMEOUT_S -> m == null && t.isEmpty() ? n
                    : n.withModel((m == null ? document.flow().defaultModel().withTimeoutSeconds(null) : m)
                    .withTimeoutSeconds(timeoutSeconds(t)));
            case MODEL_TEMPERATURE -> m == null && t.isEmpty() ? n
                    : n.withModel((m == null ? document.flow().defaultModel().withTimeoutSeconds(null) : m)
                    .withTemperature(temperature(t)));
            case MODEL_MAX_TOKENS -> m == null && t.isEmpty() ? n
                    : n.withModel((m == null ? document.flow().defaultModel().withTimeoutSeconds(null) : m)
                    .withMaxOutputTokens(maxOutputTokens(t)));
            case TOOLS -> n.withTools(list(t));
            case EXPECTED_OUTPUT -> n.withExpectedOutput(t);
            case RUBRIC -> n.withCritic(new CriticSpec(t.isEmpty() ? null : t,
                    n.critic() == null ? List.of() : n.critic().checks()));
            case CHECKS -> n.withCritic(new CriticSpec(n.critic() == null ? null : n.critic().rubric(),
                    CheckSyntax.parse(t)));
            case JUDGE_STRATEGY -> n.withJudge(new JudgeSpec(JudgeStrategy.valueOf(t),
                    n.judge() == null ? null : n.judge().trust(), n.judge() == null ? null : n.judge().verifierId()));
            case VERIFIER -> n.withJudge(new JudgeSpec(n.judge() == null ? JudgeStrategy.RE_VERIFY
                    : n.judge().strategy(), n.judge() == null ? null : n.judge().trust(), t.isEmpty() ? null : t));
            // the default is left unset, so that the file keeps omitting it
            case ON_WORKER_FAILURE -> n.withOnWorkerFailure(WorkerFailurePolicy.valueOf(t) == WorkerFailurePolicy.REPORT
                    ? null : WorkerFailurePolicy.valueOf(t));
            case ROUTER_MODE -> n.withRouter(new RouterSpec(RouterMode.valueOf(t)));
        };
    }

    // ---- edges --------------------------------------------------------------------------------------------

    public static String read(Edge e, EdgeField f) {
        ContextPolicy c = e.effectiveContext();
        ReviewPolicy r = e.review() == null ? ReviewPolicy.DEFAULT : e.review();
        return switch (f) {
            case CONTEXT_MODE -> c.mode().name();
            case FIELDS -> String.join(", ", c.fields());
            case TOKEN_BUDGET -> c.tokenBudget() == null ? "" : c.tokenBudget().toString();
            case LABEL -> e.label();
            case MAX_RETRIES -> Integer.toString(r.maxRetries());
            case ON_EXHAUSTED -> r.onExhausted().name();
            case ROUTE_DESCRIPTION -> route(e).description();
            case ROUTE_CONDITION -> RouteSyntax.format(route(e).condition());
            case ROUTE_DEFAULT -> Boolean.toString(route(e).isDefault());
            case MAX_VISITS -> route(e).maxVisits() == null ? "" : route(e).maxVisits().toString();
        };
    }

    public Optional<String> commit(String edgeId, EdgeField f, String text) {
        Optional<Edge> found = document.flow().edge(edgeId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Edge before = found.get();
        String t = text.strip();
        Edge after;
        try {
            ContextPolicy c = before.effectiveContext();
            ReviewPolicy r = before.review() == null ? ReviewPolicy.DEFAULT : before.review();
            after = switch (f) {
                case CONTEXT_MODE -> before.withContext(new ContextPolicy(ContextMode.valueOf(t), c.fields(),
                        c.tokenBudget()));
                case FIELDS -> before.withContext(new ContextPolicy(c.mode(), list(t), c.tokenBudget()));
                case TOKEN_BUDGET -> before.withContext(new ContextPolicy(c.mode(), c.fields(),
                        t.isEmpty() ? null : number(t, "token budget").intValue()));
                case LABEL -> before.withLabel(t);
                case MAX_RETRIES -> before.withReview(new ReviewPolicy(number(t, "retries").intValue(),
                        r.onExhausted()));
                case ON_EXHAUSTED -> before.withReview(new ReviewPolicy(r.maxRetries(), OnExhausted.valueOf(t)));
                case ROUTE_DESCRIPTION -> before.withRoute(route(before).withDescription(t));
                case ROUTE_CONDITION -> before.withRoute(route(before).withCondition(RouteSyntax.parse(t)));
                case ROUTE_DEFAULT -> before.withRoute(route(before).withDefault(Boolean.parseBoolean(t)));
                case MAX_VISITS -> before.withRoute(route(before).withMaxVisits(
                        t.isEmpty() ? null : number(t, "max visits").intValue()));
            };
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!after.equals(before)) {
            document.execute(new EditEdge(before, after, label(f)));
        }
        return Optional.empty();
    }

    // ---- the flow -----------------------------------------------------------------------------------------

    public static String read(Flow flow, FlowField f) {
        Limits l = flow.limits();
        ModelRef m = flow.defaultModel();
        return switch (f) {
            case NAME -> flow.name();
            case DESCRIPTION -> flow.description();
            case PROVIDER -> m.provider();
            case MODEL_NAME -> m.name();
            case BASE_URL -> m.baseUrl() == null ? "" : m.baseUrl();
            case MODEL_TIMEOUT_S -> m.timeoutSeconds() == null ? "" : m.timeoutSeconds().toString();
            case MODEL_TEMPERATURE -> m.temperature() == null ? "" : m.temperature().toString();
            case MODEL_MAX_TOKENS -> m.maxOutputTokens() == null ? "" : m.maxOutputTokens().toString();
            case MAX_TURNS -> Integer.toString(l.maxTurnsPerAgent());
            case MAX_HANDOFFS -> l.maxHandoffs() == null ? "" : l.maxHandoffs().toString();
            case MAX_CRITIC_RETRIES -> Integer.toString(l.maxCriticRetries());
            case AGENT_TIMEOUT_S -> Long.toString(l.agentTimeout().toSeconds());
            case RUN_DEADLINE_S -> Long.toString(l.runDeadline().toSeconds());
            case TOKEN_BUDGET -> l.tokenBudget() == null ? "" : l.tokenBudget().toString();
        };
    }

    public Optional<String> commit(FlowField f, String text) {
        Flow before = document.flow();
        String t = text.strip();
        Limits l = before.limits();
        ModelRef m = before.defaultModel();
        Flow after;
        try {
            after = switch (f) {
                case NAME -> before.withName(t);
                case DESCRIPTION -> before.withDescription(t);
                case PROVIDER -> before.withDefaultModel(new ModelRef(t, nameAfterProviderChange(m, t), m.baseUrl(),
                        m.temperature(), m.timeoutSeconds(), m.maxOutputTokens()));
                case MODEL_NAME -> before.withDefaultModel(new ModelRef(m.provider(), t, m.baseUrl(), m.temperature(),
                        m.timeoutSeconds(), m.maxOutputTokens()));
                case BASE_URL -> before.withDefaultModel(new ModelRef(m.provider(), m.name(), t.isEmpty() ? null : t,
                        m.temperature(), m.timeoutSeconds(), m.maxOutputTokens()));
                case MODEL_TIMEOUT_S -> before.withDefaultModel(m.withTimeoutSeconds(timeoutSeconds(t)));
                case MODEL_TEMPERATURE -> before.withDefaultModel(m.withTemperature(temperature(t)));
                case MODEL_MAX_TOKENS -> before.withDefaultModel(m.withMaxOutputTokens(maxOutputTokens(t)));
                case MAX_TURNS -> before.withLimits(new Limits(number(t, "max turns").intValue(), l.maxHandoffs(),
                        l.maxCriticRetries(), l.agentTimeout(), l.runDeadline(), l.tokenBudget()));
                case MAX_HANDOFFS -> before.withLimits(new Limits(l.maxTurnsPerAgent(),
                        t.isEmpty() ? null : number(t, "max handoffs").intValue(), l.maxCriticRetries(),
                        l.agentTimeout(), l.runDeadline(), l.tokenBudget()));
                case MAX_CRITIC_RETRIES -> before.withLimits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(),
                        number(t, "max critic retries").intValue(), l.agentTimeout(), l.runDeadline(),
                        l.tokenBudget()));
                case AGENT_TIMEOUT_S -> before.withLimits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(),
                        l.maxCriticRetries(), Duration.ofSeconds(number(t, "agent timeout")), l.runDeadline(),
                        l.tokenBudget()));
                case RUN_DEADLINE_S -> before.withLimits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(),
                        l.maxCriticRetries(), l.agentTimeout(), Duration.ofSeconds(number(t, "run deadline")),
                        l.tokenBudget()));
                case TOKEN_BUDGET -> before.withLimits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(),
                        l.maxCriticRetries(), l.agentTimeout(), l.runDeadline(),
                        t.isEmpty() ? null : number(t, "token budget")));
            };
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!after.equals(before)) {
            document.execute(new EditFlow(before, after, "flow " + label(f)));
        }
        return Optional.empty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * The model name kept when the provider becomes {@code provider}: the old one for the same provider, "sim-1" for
     * the simulated model (its only model), else none, so the person picks one of the new provider's models (an old
     * name under a new provider is almost never right, and typing into a kept "sim-1" appended to it).
     */
    static String nameAfterProviderChange(ModelRef before, String provider) {
        if (before.provider().equals(provider)) {
            return before.name();
        }
        return ModelRef.SIMULATED.equals(provider) ? ModelRef.SIMULATED_DEFAULT.name() : "";
    }

    private static Long number(String t, String what) {
        try {
            return Long.valueOf(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + t + "' is not a whole number");
        }
    }

    /** Empty: the default (60 s); else whole seconds within the range the validator accepts. */
    private static Integer timeoutSeconds(String t) {
        if (t.isEmpty()) {
            return null;
        }
        long s = number(t, "model timeout");
        if (s < ModelRef.MIN_TIMEOUT_SECONDS || s > ModelRef.MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("model timeout: use " + ModelRef.MIN_TIMEOUT_SECONDS + " to "
                    + ModelRef.MAX_TIMEOUT_SECONDS + " seconds, or leave it empty for "
                    + ModelRef.DEFAULT_TIMEOUT_SECONDS);
        }
        return (int) s;
    }

    /** Empty: the provider's default; else a number from 0 to 2, as the validator accepts. */
    private static Double temperature(String t) {
        if (t.isEmpty()) {
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("temperature: '" + t + "' is not a number");
        }
        if (!(v >= 0 && v <= 2)) {
            throw new IllegalArgumentException("temperature: use a value from 0 to 2, or leave it empty for the"
                    + " provider's default");
        }
        return v;
    }

    /** Empty: the provider's default; else whole tokens within the range the validator accepts. */
    private static Integer maxOutputTokens(String t) {
        if (t.isEmpty()) {
            return null;
        }
        long v = number(t, "max output tokens");
        if (v < ModelRef.MIN_OUTPUT_TOKENS || v > ModelRef.MAX_OUTPUT_TOKENS) {
            throw new IllegalArgumentException("max output tokens: use " + ModelRef.MIN_OUTPUT_TOKENS + " to "
                    + ModelRef.MAX_OUTPUT_TOKENS + ", or leave it empty for the provider's default");
        }
        return (int) v;
    }

    private static RouteSpec route(Edge e) {
        return e.route() == null ? RouteSpec.EMPTY : e.route();
    }

    private static List<String> list(String t) {
        return Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** "max retries" from MAX_RETRIES: the words a user sees in "Undo Edit max retries". */
    static String label(Enum<?> f) {
        return f.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
