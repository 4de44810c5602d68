package dev.baton.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.Limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An AutoGen team's termination condition as Baton limits. A Baton limit ends a run on its own, so only a condition
 * that ends the team on its own becomes one: each branch of an OR (the first to hold wins, so of two limits of a kind
 * the lower), never a part of an AND of several (all must hold, so no part stops the team alone).
 */
final class AutoGenTermination {

    /** A limit a condition would set: which one, its value, where the condition is and what it is called. */
    private record Candidate(String limit, long value, String at, String what) {
    }

    private final FlowDraft d;
    private final boolean swarm;
    private final List<Candidate> candidates = new ArrayList<>();

    private AutoGenTermination(FlowDraft d, boolean swarm) {
        this.d = d;
        this.swarm = swarm;
    }

    /** Maps {@code cond} (at {@code base + "config.termination_condition"}) into {@code d}'s limits and notes. */
    static void map(FlowDraft d, String base, JsonNode cond, boolean swarm) {
        AutoGenTermination t = new AutoGenTermination(d, swarm);
        t.visit(cond, base + "config.termination_condition", null);
        t.apply();
    }

    /** @param andWith null when {@code cond} ends the team alone, else the AND it is one part of */
    private void visit(JsonNode cond, String at, String andWith) {
        if (cond == null || cond.isNull()) {
            return;
        }
        AutoGenComponent c = AutoGenComponent.of(cond);
        JsonNode cfg = c.config();
        switch (c.type()) {
            case "OrTerminationCondition", "AndTerminationCondition" -> {
                JsonNode list = cfg.path("conditions");
                boolean and = c.type().startsWith("And") && list.size() > 1;
                for (int i = 0; i < list.size(); i++) {
                    visit(list.get(i), at + ".config.conditions[" + i + "]", and ? at : andWith);
                }
            }
            case "MaxMessageTermination" -> {
                int max = cfg.path("max_messages").asInt(0);
                String what = "MaxMessageTermination(" + max + ")";
                if (!swarm || max <= 0) {
                    d.note(at, what, "no use in a single pass; left out");
                } else {
                    consider(new Candidate("maxHandoffs", max, at, what), andWith);
                }
            }
            case "TokenUsageTermination" -> {
                long max = cfg.path("max_total_token").asLong(0);
                if (max > 0) {
                    consider(new Candidate("tokenBudget", max, at, "TokenUsageTermination(" + max + ")"), andWith);
                }
            }
            case "TimeoutTermination" -> {
                long s = cfg.path("timeout_seconds").asLong(0);
                if (s > 0) {
                    consider(new Candidate("runDeadlineSeconds", s, at, "TimeoutTermination(" + s + " s)"), andWith);
                }
            }
            default -> d.note(at, c.type().isEmpty() ? "a termination condition" : c.type()
                    + (cfg.has("text") ? "('" + Sources.str(cfg, "text") + "')" : ""),
                    "left out: a Baton run ends when the OUTPUT node is reached");
        }
    }

    private void consider(Candidate candidate, String andWith) {
        if (andWith == null) {
            candidates.add(candidate);
        } else {
            d.note(candidate.at(), candidate.what(), "not mapped: it is part of an AND at " + andWith
                    + " (AutoGen stops only when all its conditions hold), and a Baton limit would end the run alone");
        }
    }

    /** Sets each limit to the lowest value an OR offers for it: the first of them to hold ends the team. */
    private void apply() {
        for (Candidate c : candidates) {
            long lowest = candidates.stream().filter(o -> o.limit().equals(c.limit())).mapToLong(Candidate::value)
                    .min().orElse(c.value());
            if (c.value() != lowest) {
                d.note(c.at(), c.what(), "not mapped: a lower limits." + c.limit() + " of the same OR holds first");
                continue;
            }
            Limits l = d.limits;
            d.limits = switch (c.limit()) {
                case "maxHandoffs" -> new Limits(l.maxTurnsPerAgent(), (int) c.value(), l.maxCriticRetries(),
                        l.agentTimeout(), l.runDeadline(), l.tokenBudget());
                case "tokenBudget" -> new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(), l.maxCriticRetries(),
                        l.agentTimeout(), l.runDeadline(), c.value());
                default -> new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(), l.maxCriticRetries(),
                        l.agentTimeout(), Duration.ofSeconds(c.value()), l.tokenBudget());
            };
            d.note(c.at(), c.what(), "limits." + c.limit() + " = " + c.value());
        }
    }
}
