package dev.baton.engine.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.step.JudgeContext;
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
 * decision with its rationale. LLM_JUDGE asks the judge's model for JSON {winner, output, rationale}; MAJORITY_VOTE
 * counts normalised equal answers; TRUST_RANKING takes the most trusted source; RE_VERIFY sends contradicting claims
 * to the verifier agent. Ties go to the higher trust score, then to the earlier edge.
 */
public final class JudgeStep {

    /** One input of the join. */
    public record Candidate(String nodeId, String label, String text) { }

    /** The winner is a candidate's node id or {@value #MERGE}. */
    public static final String MERGE = "merge";

    private record Decision(String winner, String output, String rationale) { }

    private final JudgeContext run;

    public JudgeStep(JudgeContext run) {
        this.run = run;
    }

    public String run(AgentNode judge, String input, List<Candidate> candidates) throws StepException {
        if (candidates.isEmpty()) {
            throw StepException.failed(judge.id(), "judge '" + judge.id() + "' has no inputs to decide between");
        }
        JudgeSpec spec = judge.judge() == null ? JudgeSpec.of(JudgeStrategy.LLM_JUDGE) : judge.judge();
        Decision d = switch (spec.strategy()) {
            case LLM_JUDGE -> llmJudge(judge, input, candidates);
            case MAJORITY_VOTE -> majority(spec, candidates);
            case TRUST_RANKING -> trust(spec, candidates);
            case RE_VERIFY -> reVerify(judge, spec, candidates);
        };
        List<String> considered = candidates.stream().map(Candidate::nodeId).toList();
        run.judgeDecided(judge.id(), spec.strategy().name(), considered, d.winner(), d.output(), d.rationale());
        return d.output();
    }

    private Decision llmJudge(AgentNode judge, String input, List<Candidate> candidates) throws StepException {
        String system = Prompts.system(judge, "Answer only with a JSON object {\"winner\": \"<candidate id>\" or "
                + "\"merge\", \"output\": \"the merged answer when merging\", \"rationale\": \"why\"}.");
        JsonNode json = JsonReplies.ask(run, judge, List.of(new ChatMessage.System(system),
                new ChatMessage.User(render(candidates) + "\n\n=== Context ===\n" + input)),
                "a JSON decision {winner, output, rationale}",
                j -> j.has("winner") ? null : "the object has no \"winner\" field").json();
        String winner = json.path("winner").asText("");
        String rationale = json.path("rationale").asText("");
        if (MERGE.equalsIgnoreCase(winner)) {
            String merged = json.path("output").asText("");
            if (merged.isBlank()) {
                throw StepException.failed(judge.id(), "judge '" + judge.id() + "' chose to merge but gave no output");
            }
            return new Decision(MERGE, merged, rationale);
        }
        for (Candidate c : candidates) {
            if (c.nodeId().equals(winner)) {
                return new Decision(winner, c.text(), rationale);
            }
        }
        throw StepException.failed(judge.id(), "judge '" + judge.id() + "' chose '" + winner
                + "', which is not one of " + candidates.stream().map(Candidate::nodeId).toList());
    }

    private static Decision majority(JudgeSpec spec, List<Candidate> candidates) {
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
        return new Decision(winner.nodeId(), winner.text(), rationale);
    }

    private static Decision trust(JudgeSpec spec, List<Candidate> candidates) {
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (score(spec, c) > score(spec, best)) {
                best = c;
            }
        }
        return new Decision(best.nodeId(), best.text(), "highest trust score " + score(spec, best) + " among "
                + candidates.stream().map(c -> c.nodeId() + "=" + score(spec, c)).toList());
    }

    private Decision reVerify(AgentNode judge, JudgeSpec spec, List<Candidate> candidates) throws StepException {
        if (groups(candidates).size() == 1) {
            Candidate c = candidates.get(0);
            return new Decision(c.nodeId(), c.text(), "all inputs agree; nothing to verify");
        }
        String verifierId = spec.verifierId();
        AgentNode verifier = verifierId == null ? null : run.index().node(verifierId).orElse(null);
        if (verifier == null) {
            throw StepException.failed(judge.id(), "judge '" + judge.id() + "' needs a verifier agent, but '"
                    + verifierId + "' is not in the flow");
        }
        String task = "These claims contradict each other. Verify them and answer with a JSON object {\"winner\": "
                + "\"<id of the correct claim>\", \"rationale\": \"why\"}.\n\n" + render(candidates);
        String verdict = run.runNode(verifier, task);
        JsonNode json = JsonReplies.object(verdict);
        String winner = json == null ? "" : json.path("winner").asText("");
        for (Candidate c : candidates) {
            if (c.nodeId().equals(winner)) {
                return new Decision(winner, c.text(), "verifier '" + verifierId + "': "
                        + json.path("rationale").asText(""));
            }
        }
        // the verifier answered in its own words: its answer is the resolution
        return new Decision(MERGE, verdict, "verifier '" + verifierId + "' answered with its own resolution");
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
