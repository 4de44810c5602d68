package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.step.Action;
import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.step.Prompts;
import dev.baton.engine.step.StepException;
import dev.baton.flow.AgentNode;
import dev.baton.flow.JudgeSpec;
import dev.baton.flow.JudgeStrategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A judge on a join: resolves its inputs (the outputs of its NEXT sources) by the node's strategy and publishes the
 * decision with its rationale. Deciding only, deterministic given the replies and outputs it is fed: the executor
 * asks the model, runs the verifier and records the decision. LLM_JUDGE asks the judge's model for JSON {winner, output, rationale}; MAJORITY_VOTE
 * counts normalised equal answers; TRUST_RANKING takes the most trusted source; RE_VERIFY sends contradicting claims
 * to the verifier agent. Ties go to the higher trust score, then to the earlier edge.
 */
public final class JudgeStep {

    /** One input of the join. */
    public record Candidate(String nodeId, String label, String text) { }

    /** The winner is a candidate's node id or {@value #MERGE}. */
    public static final String MERGE = "merge";

    /** What the judge decided among {@code considered}: the winner (a node id or "merge"), the output, and why. */
    public record Decision(String strategy, List<String> considered, String winner, String output, String rationale) {
    }

    /** A strategy's choice, before it is labelled with the strategy and the inputs considered. */
    private record Pick(String winner, String output, String rationale) { }

    private final AgentNode judge;
    private final String input;
    private final List<Candidate> candidates;
    private final FlowIndex index;
    private final JudgeSpec spec;
    private JsonReplies.Exchange exchange;
    private String verifierId;
    private Decision decision;

    /** One decision of {@code judge} among the outputs of its join, with {@code input} as context. */
    public JudgeStep(AgentNode judge, String input, List<Candidate> candidates, FlowIndex index) {
        this.judge = judge;
        this.input = input;
        this.candidates = List.copyOf(candidates);
        this.index = index;
        this.spec = judge.judge() == null ? JudgeSpec.of(JudgeStrategy.LLM_JUDGE) : judge.judge();
    }

    /**
     * MAJORITY_VOTE and TRUST_RANKING decide at once; LLM_JUDGE asks the judge's model; RE_VERIFY runs the verifier
     * when the inputs disagree.
     */
    public Action start() {
        if (candidates.isEmpty()) {
            return new Action.Fail(StepException.failed(judge.id(), "judge '" + judge.id()
                    + "' has no inputs to decide between"));
        }
        return switch (spec.strategy()) {
            case LLM_JUDGE -> {
                String system = Prompts.system(judge, "Answer only with a JSON object {\"winner\": \"<candidate id>\" "
                        + "or \"merge\", \"output\": \"the merged answer when merging\", \"rationale\": \"why\"}.");
                exchange = new JsonReplies.Exchange(judge, List.of(new ChatMessage.System(system),
                        new ChatMessage.User(render(candidates) + "\n\n=== Context ===\n" + input)),
                        "a JSON decision {winner, output, rationale}",
                        j -> j.has("winner") ? null : "the object has no \"winner\" field");
                yield exchange.start();
            }
            case MAJORITY_VOTE -> done(majority(spec, candidates));
            case TRUST_RANKING -> done(trust(spec, candidates));
            case RE_VERIFY -> reVerify();
        };
    }

    /** LLM_JUDGE: the model's reply; asked again once when it is not the JSON decision. */
    public Action onReply(ModelReply reply) {
        Action next = exchange.onReply(reply);
        if (!(next instanceof Action.Done)) {
            return next;
        }
        JsonNode json = exchange.json();
        String winner = json.path("winner").asText("");
        String rationale = json.path("rationale").asText("");
        if (MERGE.equalsIgnoreCase(winner)) {
            String merged = json.path("output").asText("");
            if (merged.isBlank()) {
                return new Action.Fail(StepException.failed(judge.id(), "judge '" + judge.id()
                        + "' chose to merge but gave no output"));
            }
            return done(new Pick(MERGE, merged, rationale));
        }
        for (Candidate c : candidates) {
            if (c.nodeId().equals(winner)) {
                return done(new Pick(winner, c.text(), rationale));
            }
        }
        return new Action.Fail(StepException.failed(judge.id(), "judge '" + judge.id() + "' chose '" + winner
                + "', which is not one of " + candidates.stream().map(Candidate::nodeId).toList()));
    }

    /** Why the model was asked again, once (then null): the executor records it as a FORMAT retry. */
    public String takeRetry() {
        return exchange == null ? null : exchange.takeRetry();
    }

    /** RE_VERIFY: the verifier's answer, naming the correct claim or resolving in its own words. */
    public Action onOutput(String verdict) {
        JsonNode json = JsonReplies.object(verdict);
        String winner = json == null ? "" : json.path("winner").asText("");
        for (Candidate c : candidates) {
            if (c.nodeId().equals(winner)) {
                return done(new Pick(winner, c.text(), "verifier '" + verifierId + "': "
                        + json.path("rationale").asText("")));
            }
        }
        // the verifier answered in its own words: its answer is the resolution
        return done(new Pick(MERGE, verdict, "verifier '" + verifierId + "' answered with its own resolution"));
    }

    /** The decision, once the step is {@link Action.Done}. */
    public Decision decision() {
        return decision;
    }

    private Action done(Pick p) {
        decision = new Decision(spec.strategy().name(), candidates.stream().map(Candidate::nodeId).toList(),
                p.winner(), p.output(), p.rationale());
        return new Action.Done(p.output());
    }

    private Action reVerify() {
        if (groups(candidates).size() == 1) {
            Candidate c = candidates.get(0);
            return done(new Pick(c.nodeId(), c.text(), "all inputs agree; nothing to verify"));
        }
        verifierId = spec.verifierId();
        AgentNode verifier = verifierId == null ? null : index.node(verifierId).orElse(null);
        if (verifier == null) {
            return new Action.Fail(StepException.failed(judge.id(), "judge '" + judge.id()
                    + "' needs a verifier agent, but '" + verifierId + "' is not in the flow"));
        }
        String task = "These claims contradict each other. Verify them and answer with a JSON object {\"winner\": "
                + "\"<id of the correct claim>\", \"rationale\": \"why\"}.\n\n" + render(candidates);
        return new Action.RunNode(verifier, task);
    }

    private static Pick majority(JudgeSpec spec, List<Candidate> candidates) {
        Map<String, List<Candidate>> groups = groups(candidates);
        List<Candidate> best = null;
        for (List<Candidate> g : groups.values()) {
            if (best == null || g.size() > best.size()
                    || g.size() == best.size() && trustOf(spec, g) > trustOf(spec, best)) {
                best = g;
            }
        }
        Candidate winner = best.get(0);
        String rationale = best.size() > 1
                ? best.size() + " of " + candidates.size() + " inputs agree ("
                + String.join(", ", best.stream().map(Candidate::nodeId).toList()) + ")"
                : "no two inputs agree; tie broken by trust score, then edge order";
        return new Pick(winner.nodeId(), winner.text(), rationale);
    }

    private static Pick trust(JudgeSpec spec, List<Candidate> candidates) {
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (score(spec, c) > score(spec, best)) {
                best = c;
            }
        }
        return new Pick(best.nodeId(), best.text(), "highest trust score " + score(spec, best) + " among "
                + candidates.stream().map(c -> c.nodeId() + "=" + score(spec, c)).toList());
    }

    private static Map<String, List<Candidate>> groups(List<Candidate> candidates) {
        Map<String, List<Candidate>> groups = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            groups.computeIfAbsent(normalise(c.text()), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    /** Case, punctuation and spacing do not make answers different. */
    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static double trustOf(JudgeSpec spec, List<Candidate> group) {
        return group.stream().mapToDouble(c -> score(spec, c)).max().orElse(0);
    }

    private static double score(JudgeSpec spec, Candidate c) {
        return spec.trust().getOrDefault(c.nodeId(), 0.0);
    }

    private static String render(List<Candidate> candidates) {
        StringBuilder sb = new StringBuilder("Candidates:");
        for (Candidate c : candidates) {
            sb.append("\n\n[").append(c.nodeId()).append("] ").append(c.label()).append(":\n").append(c.text());
        }
        return sb.toString();
    }
}
