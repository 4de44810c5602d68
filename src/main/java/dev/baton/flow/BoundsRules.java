package dev.baton.flow;

import java.util.List;
import java.util.Locale;

/**
 * The rules of {@link FlowValidator} about how large a number or a check may be ({@link FlowBounds}). The lower
 * bounds (positive, not negative) are {@link SpecRules}' business; these say "at most", each with the reason, so that
 * a valid flow cannot ask the engine for a gigabyte of output, a century of waiting or a regex that runs for minutes.
 */
final class BoundsRules {

    private BoundsRules() {
    }

    static void check(ValidationContext ctx) {
        checkLimits(ctx, ctx.flow.limits());
        List<AgentNode> nodes = ctx.flow.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            AgentNode n = nodes.get(i);
            checkPosition(ctx, i, n);
            if (n.critic() != null) {
                checkChecks(ctx, i, n);
            }
        }
        List<Edge> edges = ctx.flow.edges();
        for (int i = 0; i < edges.size(); i++) {
            checkEdge(ctx, i, edges.get(i));
        }
    }

    private static void checkLimits(ValidationContext ctx, Limits l) {
        atMost(ctx, "maxTurnsPerAgent", l.maxTurnsPerAgent(), FlowBounds.MAX_TURNS_PER_AGENT,
                "each turn is a model call; an agent needing more in one activation is looping");
        if (l.maxHandoffs() != null) {
            atMost(ctx, "maxHandoffs", l.maxHandoffs(), FlowBounds.MAX_HANDOFFS,
                    "a swarm needing more handoffs is passing the request around, not answering it");
        }
        atMost(ctx, "maxCriticRetries", l.maxCriticRetries(), FlowBounds.MAX_CRITIC_RETRIES,
                "each retry runs the reviewed agent again; a loop that has not converged by then will not");
        atMost(ctx, "agentTimeoutSeconds", l.agentTimeout().getSeconds(), FlowBounds.MAX_AGENT_TIMEOUT_SECONDS,
                "one agent activation may take at most a day");
        atMost(ctx, "runDeadlineSeconds", l.runDeadline().getSeconds(), FlowBounds.MAX_RUN_DEADLINE_SECONDS,
                "a run may take at most a week");
        if (l.tokenBudget() != null) {
            atMost(ctx, "tokenBudget", l.tokenBudget(), FlowBounds.MAX_RUN_TOKEN_BUDGET,
                    "a billion tokens cost thousands of dollars at list price; remove the budget for no budget");
        }
    }

    private static void atMost(ValidationContext ctx, String key, long value, long max, String why) {
        if (value > max) {
            ctx.flowProblem(Problem.error("limit-too-large", "", "/limits/" + key,
                    "limits: " + key + " is " + value + "; use at most " + grouped(max) + " (" + why + ")"));
        }
    }

    private static void checkPosition(ValidationContext ctx, int i, AgentNode n) {
        Position p = n.position();
        if (Math.abs(p.x()) > FlowBounds.MAX_POSITION || Math.abs(p.y()) > FlowBounds.MAX_POSITION) {
            String at = ValidationContext.nodePointer(i) + "/position/" + (Math.abs(p.x()) > FlowBounds.MAX_POSITION
                    ? "x" : "y");
            ctx.nodeProblem(i, Problem.error("position-out-of-range", n.id(), at,
                    ValidationContext.describe(n) + " lies at (" + p.x() + ", " + p.y() + "); keep x and y within ±"
                            + grouped((long) FlowBounds.MAX_POSITION) + " (the canvas loses precision beyond)"));
        }
    }

    private static void checkChecks(ValidationContext ctx, int i, AgentNode n) {
        List<Check> checks = n.critic().checks();
        String who = ValidationContext.describe(n);
        for (int k = 0; k < checks.size(); k++) {
            String at = ValidationContext.nodePointer(i) + "/critic/checks/" + k;
            String label = who + ", check #" + (k + 1) + " (" + checks.get(k).type() + ")";
            Check check = checks.get(k);
            if (check instanceof Check.Length len) {
                lengthBound(ctx, i, n, at + "/min", label + ": min", len.min());
                lengthBound(ctx, i, n, at + "/max", label + ": max", len.max());
            } else if (check instanceof Check.Regex r && r.pattern().length() > FlowBounds.MAX_REGEX_CHARS) {
                ctx.nodeProblem(i, Problem.error("regex-too-long", n.id(), at + "/pattern",
                        label + ": the pattern has " + grouped(r.pattern().length()) + " characters; use at most "
                                + grouped(FlowBounds.MAX_REGEX_CHARS) + " (a long pattern can take seconds to compile"
                                + " and match; split it into several checks)"));
            } else if (check instanceof Check.MustContain m) {
                checkPhrases(ctx, i, n, at, label, m);
            } else if (check instanceof Check.JsonSchema s && s.schema().length() > FlowBounds.MAX_SCHEMA_CHARS) {
                ctx.nodeProblem(i, Problem.error("schema-too-large", n.id(), at + "/schema",
                        label + ": the schema has " + grouped(s.schema().length()) + " characters; use at most "
                                + grouped(FlowBounds.MAX_SCHEMA_CHARS) + " (an output schema is a few kilobytes)"));
            }
        }
    }

    private static void lengthBound(ValidationContext ctx, int i, AgentNode n, String at, String what, Integer v) {
        if (v != null && v > FlowBounds.MAX_OUTPUT_CHARS) {
            ctx.nodeProblem(i, Problem.error("length-too-large", n.id(), at,
                    what + " is " + grouped(v) + " characters; use at most " + grouped(FlowBounds.MAX_OUTPUT_CHARS)
                            + " (no model output may be longer: that is the cap on one reply)"));
        }
    }

    private static void checkPhrases(ValidationContext ctx, int i, AgentNode n, String at, String label,
                                     Check.MustContain m) {
        if (m.phrases().size() > FlowBounds.MAX_PHRASES) {
            ctx.nodeProblem(i, Problem.error("phrases-too-many", n.id(), at + "/phrases",
                    label + ": " + m.phrases().size() + " phrases; use at most " + FlowBounds.MAX_PHRASES
                            + " (split the requirement across critics)"));
        }
        for (int p = 0; p < m.phrases().size(); p++) {
            int length = m.phrases().get(p).length();
            if (length > FlowBounds.MAX_PHRASE_CHARS) {
                ctx.nodeProblem(i, Problem.error("phrase-too-long", n.id(), at + "/phrases/" + p,
                        label + ": phrase #" + (p + 1) + " has " + grouped(length) + " characters; use at most "
                                + grouped(FlowBounds.MAX_PHRASE_CHARS) + " (a phrase is a few words)"));
            }
        }
    }

    private static void checkEdge(ValidationContext ctx, int i, Edge e) {
        String where = ValidationContext.edgePointer(i);
        // review retries need no bound of their own: they may not exceed limits.maxCriticRetries, which has one
        ContextPolicy c = e.context();
        if (c != null && c.tokenBudget() != null && c.tokenBudget() > FlowBounds.MAX_EDGE_TOKEN_BUDGET) {
            ctx.edgeProblem(i, Problem.error("context-token-budget-too-large", e.id(), where + "/context/tokenBudget",
                    ValidationContext.describe(e) + " has a token budget of " + grouped(c.tokenBudget())
                            + "; use at most " + grouped(FlowBounds.MAX_EDGE_TOKEN_BUDGET)
                            + " (the largest context a model reads), or remove the budget"));
        }
    }

    /** 1000000 as "1,000,000": long bounds are easier to read grouped. */
    static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
