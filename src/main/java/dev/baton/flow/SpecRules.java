package dev.baton.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The rules of {@link FlowValidator} about what elements say: models, limits, critics, judges, humans, policies. */
final class SpecRules {

    private SpecRules() {
    }

    static void check(ValidationContext ctx) {
        Flow flow = ctx.flow;
        checkModel(ctx, -1, flow.defaultModel(), "/defaultModel", "the flow's default model");
        checkLimits(ctx, flow.limits());
        for (int i = 0; i < flow.nodes().size(); i++) {
            AgentNode n = flow.nodes().get(i);
            String where = ValidationContext.nodePointer(i);
            switch (n.kind()) {
                case CRITIC -> checkCritic(ctx, i, n);
                case JUDGE -> checkJudge(ctx, i, n);
                case HUMAN -> {
                    if (n.instructions().isBlank()) {
                        ctx.nodeProblem(i, Problem.warning("human-empty-question", n.id(), where + "/instructions",
                                ValidationContext.describe(n) + " asks nothing: write the question for the person"
                                        + " running the flow in its instructions"));
                    }
                }
                default -> {
                }
            }
            if (n.model() != null) {
                checkModel(ctx, i, n.model(), where + "/model", "the model of " + ValidationContext.describe(n));
            }
            if (n.onWorkerFailure() != null && n.kind() != NodeKind.SUPERVISOR) {
                ctx.nodeProblem(i, Problem.warning("worker-failure-not-supervisor", n.id(), where + "/onWorkerFailure",
                        ValidationContext.describe(n) + " sets onWorkerFailure, which only a SUPERVISOR uses; "
                                + "it has no workers"));
            }
        }
        for (int i = 0; i < flow.edges().size(); i++) {
            checkPolicies(ctx, i, flow.edges().get(i));
        }
    }

    // ---- models and limits ---------------------------------------------------------------------------------

    /** Checks a model reference; node index -1 means the flow's default model. */
    private static void checkModel(ValidationContext ctx, int node, ModelRef m, String where, String what) {
        String id = node < 0 ? "" : ctx.flow.nodes().get(node).id();
        if (!ModelRef.PROVIDERS.contains(m.provider())) {
            report(ctx, node, Problem.error("model-unknown-provider", id, where + "/provider",
                    what + " names provider '" + m.provider() + "', which Baton does not know; use one of "
                            + String.join(", ", new TreeSet<>(ModelRef.PROVIDERS))));
        }
        if (m.name().isBlank()) {
            report(ctx, node, Problem.error("model-empty-name", id, where + "/name",
                    what + " has no model name; write the provider's model name, e.g. "
                            + ModelFamilies.example(m.provider())));
        }
        ModelFamilies.foreignOwner(m.provider(), m.name()).ifPresent(owner -> report(ctx, node,
                Problem.warning("model-name-other-provider", id, where + "/name", what + " names model '"
                        + m.name() + "' of provider " + owner + " under provider " + m.provider()
                        + "; pick one of " + m.provider() + "'s models")));
        if (ModelRef.OPENAI_COMPATIBLE.equals(m.provider()) && (m.baseUrl() == null || m.baseUrl().isBlank())) {
            report(ctx, node, Problem.error("model-missing-base-url", id, where + "/baseUrl",
                    what + " uses provider openai-compatible but has no baseUrl; give the server's endpoint"));
        }
        Double t = m.temperature();
        if (t != null && !(t >= 0 && t <= 2)) {
            report(ctx, node, Problem.error("model-temperature-out-of-range", id, where + "/temperature",
                    what + " has temperature " + t + "; use a value from 0 to 2"));
        }
        Integer timeout = m.timeoutSeconds();
        if (timeout != null && (timeout < ModelRef.MIN_TIMEOUT_SECONDS || timeout > ModelRef.MAX_TIMEOUT_SECONDS)) {
            report(ctx, node, Problem.error("model-timeout-out-of-range", id, where + "/timeoutSeconds",
                    what + " has timeoutSeconds " + timeout + "; use " + ModelRef.MIN_TIMEOUT_SECONDS + " to "
                            + ModelRef.MAX_TIMEOUT_SECONDS + " seconds"));
        }
        Integer maxTokens = m.maxOutputTokens();
        if (maxTokens != null && (maxTokens < ModelRef.MIN_OUTPUT_TOKENS || maxTokens > ModelRef.MAX_OUTPUT_TOKENS)) {
            report(ctx, node, Problem.error("model-max-output-tokens-out-of-range", id, where + "/maxOutputTokens",
                    what + " has maxOutputTokens " + maxTokens + "; use " + ModelRef.MIN_OUTPUT_TOKENS + " to "
                            + ModelRef.MAX_OUTPUT_TOKENS));
        }
    }

    private static void report(ValidationContext ctx, int node, Problem p) {
        if (node < 0) {
            ctx.flowProblem(p);
        } else {
            ctx.nodeProblem(node, p);
        }
    }

    private static void checkLimits(ValidationContext ctx, Limits limits) {
        if (limits.maxTurnsPerAgent() <= 0) {
            limit(ctx, "maxTurnsPerAgent", "maxTurnsPerAgent is " + limits.maxTurnsPerAgent()
                    + "; an agent needs at least one model call");
        }
        if (limits.maxHandoffs() != null && limits.maxHandoffs() < 0) {
            limit(ctx, "maxHandoffs", "maxHandoffs is " + limits.maxHandoffs() + "; use 0 or more");
        }
        if (limits.maxCriticRetries() < 0) {
            limit(ctx, "maxCriticRetries", "maxCriticRetries is " + limits.maxCriticRetries() + "; use 0 or more");
        }
        checkDuration(ctx, "agentTimeoutSeconds", "the agent timeout", limits.agentTimeout());
        checkDuration(ctx, "runDeadlineSeconds", "the run deadline", limits.runDeadline());
        if (limits.tokenBudget() != null && limits.tokenBudget() <= 0) {
            limit(ctx, "tokenBudget", "the run's tokenBudget is " + limits.tokenBudget()
                    + "; use a positive number of tokens or remove the budget");
        }
    }

    private static void checkDuration(ValidationContext ctx, String key, String what, Duration d) {
        if (d.isZero() || d.isNegative()) {
            limit(ctx, key, what + " is " + d.getSeconds() + " s; use a positive number of seconds");
        }
    }

    private static void limit(ValidationContext ctx, String key, String message) {
        ctx.flowProblem(Problem.error("invalid-limit", "", "/limits/" + key, "limits: " + message));
    }

    // ---- critics -------------------------------------------------------------------------------------------

    private static void checkCritic(ValidationContext ctx, int i, AgentNode n) {
        String where = ValidationContext.nodePointer(i);
        String who = ValidationContext.describe(n);
        if (ctx.flow.outgoing(n.id(), EdgeKind.REVIEWS).isEmpty()) {
            ctx.nodeProblem(i, Problem.error("critic-reviews-nothing", n.id(), where,
                    who + " reviews nothing; connect it with a REVIEWS edge to the node whose output it checks"));
        }
        CriticSpec spec = n.critic();
        if (spec == null || spec.isEmpty()) {
            ctx.nodeProblem(i, Problem.error("critic-checks-nothing", n.id(), where + "/critic",
                    who + " checks nothing; give it a rubric or at least one check"));
        }
        if (spec == null) {
            return;
        }
        List<Check> checks = spec.checks();
        for (int k = 0; k < checks.size(); k++) {
            String at = where + "/critic/checks/" + k;
            String label = who + ", check #" + (k + 1) + " (" + checks.get(k).type() + ")";
            Check check = checks.get(k);
            // Java 17: no pattern switch yet, so an instanceof chain over the sealed hierarchy
            // a jsonSchema check's text is read where it enters a flow: the file (flow.io) and the inspector's
            // check lines (flow.io.SchemaText), both with Jackson, which flow does not import
            if (check instanceof Check.Regex r) {
                try {
                    Pattern.compile(r.pattern());
                } catch (PatternSyntaxException ex) {
                    ctx.nodeProblem(i, Problem.error("invalid-regex", n.id(), at + "/pattern",
                            label + ": the pattern does not compile: " + ex.getDescription()
                                    + " near index " + ex.getIndex()));
                } catch (StackOverflowError ex) {
                    // the regex compiler recurses per group; a pathological pattern must not take the validator down
                    ctx.nodeProblem(i, Problem.error("invalid-regex", n.id(), at + "/pattern",
                            label + ": the pattern is nested too deeply to compile"));
                }
            } else if (check instanceof Check.MustContain m) {
                if (m.phrases().isEmpty() || m.phrases().stream().anyMatch(String::isBlank)) {
                    ctx.nodeProblem(i, Problem.error("must-contain-empty", n.id(), at + "/phrases",
                            label + ": every phrase must have text, and there must be at least one"));
                }
            } else if (check instanceof Check.Length l) {
                checkLength(ctx, i, n, at, label, l);
            }
        }
    }

    private static void checkLength(ValidationContext ctx, int i, AgentNode n, String at, String label,
                                    Check.Length l) {
        if (l.min() != null && l.min() < 0) {
            ctx.nodeProblem(i, Problem.error("invalid-length", n.id(), at + "/min",
                    label + ": min is " + l.min() + "; a length cannot be negative"));
        }
        if (l.max() != null && l.max() < 0) {
            ctx.nodeProblem(i, Problem.error("invalid-length", n.id(), at + "/max",
                    label + ": max is " + l.max() + "; a length cannot be negative"));
        }
        if (l.min() != null && l.max() != null && l.min() > l.max()) {
            ctx.nodeProblem(i, Problem.error("invalid-length", n.id(), at,
                    label + ": min " + l.min() + " is greater than max " + l.max() + "; no output can pass"));
        }
    }

    // ---- judges --------------------------------------------------------------------------------------------

    private static void checkJudge(ValidationContext ctx, int i, AgentNode n) {
        String where = ValidationContext.nodePointer(i);
        String who = ValidationContext.describe(n);
        int inputs = ctx.flow.incoming(n.id(), EdgeKind.NEXT).size();
        if (inputs < 2) {
            ctx.nodeProblem(i, Problem.warning("judge-too-few-inputs", n.id(), where,
                    who + " has " + inputs + " incoming NEXT edge" + (inputs == 1 ? "" : "s")
                            + "; a judge resolves a join of two or more inputs"));
        }
        JudgeSpec spec = n.judge();
        if (spec == null) {
            ctx.nodeProblem(i, Problem.error("judge-missing-spec", n.id(), where + "/judge",
                    who + " has no judge settings; choose a strategy"));
            return;
        }
        if (spec.strategy() == JudgeStrategy.RE_VERIFY) {
            checkVerifier(ctx, i, n, spec.verifierId());
        }
        for (Map.Entry<String, Double> t : spec.trust().entrySet()) {
            String at = where + "/judge/trust/" + ValidationContext.token(t.getKey());
            if (!ctx.exists(t.getKey())) {
                ctx.nodeProblem(i, Problem.error("judge-unknown-trust-key", n.id(), at,
                        who + " has a trust score for '" + t.getKey() + "', which is not a node of this flow"));
            }
            Double v = t.getValue();
            if (v == null || !(v >= 0 && v <= 1)) {
                ctx.nodeProblem(i, Problem.error("judge-trust-out-of-range", n.id(), at,
                        who + " trusts '" + t.getKey() + "' with " + v + "; a trust score lies between 0 and 1"));
            }
        }
    }

    private static void checkVerifier(ValidationContext ctx, int i, AgentNode judge, String verifierId) {
        String at = ValidationContext.nodePointer(i) + "/judge/verifierId";
        String who = ValidationContext.describe(judge);
        if (verifierId == null || verifierId.isBlank()) {
            ctx.nodeProblem(i, Problem.error("judge-missing-verifier", judge.id(), at,
                    who + " uses RE_VERIFY but names no verifier; choose the agent that re-checks contradicting"
                            + " claims"));
            return;
        }
        AgentNode verifier = ctx.node(verifierId);
        if (verifier == null || verifier.kind() != NodeKind.AGENT) {
            ctx.nodeProblem(i, Problem.error("judge-verifier-not-agent", judge.id(), at,
                    who + " names " + ctx.named(verifierId) + " as verifier, which is "
                            + (verifier == null ? "not a node of this flow" : "a " + verifier.kind() + ", not an AGENT")
                            + "; the verifier must be an agent"));
            return;
        }
        long edges = ctx.flow.edges().stream()
                .filter(e -> e.from().equals(verifierId) || e.to().equals(verifierId)).count();
        if (edges > 0) {
            ctx.nodeProblem(i, Problem.error("judge-verifier-has-edges", judge.id(), at,
                    who + " uses " + ValidationContext.describe(verifier) + " as verifier, but that agent has "
                            + edges + " edge" + (edges == 1 ? "" : "s") + "; a verifier is called only by its"
                            + " judge, remove its edges"));
        }
    }

    // ---- edge policies -------------------------------------------------------------------------------------

    private static void checkPolicies(ValidationContext ctx, int i, Edge e) {
        String where = ValidationContext.edgePointer(i);
        String what = ValidationContext.describe(e);
        if (e.kind() == EdgeKind.REVIEWS) {
            if (e.context() != null) {
                ctx.edgeProblem(i, Problem.error("review-edge-with-context", e.id(), where + "/context",
                        what + " has a context policy; a REVIEWS edge carries a review policy instead, remove it"));
            }
            ReviewPolicy r = e.review();
            if (r == null) {
                ctx.edgeProblem(i, Problem.error("review-policy-missing", e.id(), where + "/review",
                        what + " has no review policy; set maxRetries and onExhausted"));
            } else if (r.maxRetries() < 0) {
                ctx.edgeProblem(i, Problem.error("review-retries-invalid", e.id(), where + "/review/maxRetries",
                        what + " allows " + r.maxRetries() + " retries; use 0 (check only) or more"));
            } else if (ctx.flow.limits().maxCriticRetries() >= 0
                    && r.maxRetries() > ctx.flow.limits().maxCriticRetries()) {
                ctx.edgeProblem(i, Problem.error("review-retries-above-limit", e.id(),
                        where + "/review/maxRetries",
                        what + " allows " + r.maxRetries() + " retries but limits.maxCriticRetries is "
                                + ctx.flow.limits().maxCriticRetries() + "; lower the retries or raise the limit"));
            }
            return;
        }
        if (e.review() != null) {
            ctx.edgeProblem(i, Problem.error("work-edge-with-review", e.id(), where + "/review",
                    what + " has a review policy; only REVIEWS edges from a critic have one, remove it"));
        }
        ContextPolicy c = e.context();
        if (c == null) {
            return;
        }
        if (c.mode() == ContextMode.FIELDS
                && (c.fields().isEmpty() || c.fields().stream().anyMatch(String::isBlank))) {
            ctx.edgeProblem(i, Problem.error("context-fields-empty", e.id(), where + "/context/fields",
                    what + " passes FIELDS but " + (c.fields().isEmpty() ? "names no field" : "has a blank field")
                            + "; list the fields of the sender's JSON output to pass on"));
        }
        if (c.tokenBudget() != null && c.tokenBudget() <= 0) {
            ctx.edgeProblem(i, Problem.error("context-token-budget-invalid", e.id(), where + "/context/tokenBudget",
                    what + " has a token budget of " + c.tokenBudget()
                            + "; use a positive number of tokens or remove the budget"));
        }
    }
}
