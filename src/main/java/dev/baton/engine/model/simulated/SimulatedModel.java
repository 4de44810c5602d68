package dev.baton.engine.model.simulated;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.engine.model.ToolCall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Baton's offline model: deterministic for a seed (same seed, request and node → same reply), role-aware (the text
 * template follows the agent's role nouns, see {@link SimulatedRole}), planning supervisor turns like a lead would
 * ({@link SimulatedPlanner}: research first, then the writer with the findings) and handing swarm requests to the
 * fitting specialist ({@link SimulatedSwarm}), with configurable latency and streaming speed. Every reply is marked
 * simulated with estimated token counts; every text answer starts with a "[simulated]" line, and every JSON answer
 * (critic verdicts, judge decisions, agents whose expected output is JSON) carries {@code "simulated": true}
 * instead, so it stays valid JSON.
 */
public final class SimulatedModel implements AgentModel {

    /** The label every simulated text answer starts with. */
    public static final String LABEL = "[simulated]";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CANDIDATE = Pattern.compile("(?m)^\\[([^\\]\\s]+)\\] ");

    /**
     * How the simulated model behaves.
     *
     * @param seed            seed of every choice it makes
     * @param latency         fixed time per call before the first token
     * @param tokensPerSecond streaming speed of the answer, or 0 for instant
     * @param criticFailRate  chance (0..1) that a critic rejects a first attempt, so that review loops show up
     */
    public record Settings(long seed, Duration latency, int tokensPerSecond, double criticFailRate) {
        /** Seed 42, no latency, instant output, critics reject a first attempt 30% of the time. */
        public static final Settings DEFAULT = new Settings(42, Duration.ZERO, 0, 0.3);

        public Settings withSeed(long newSeed) {
            return new Settings(newSeed, latency, tokensPerSecond, criticFailRate);
        }

        public Settings withLatency(Duration newLatency, int tps) {
            return new Settings(seed, newLatency, tps, criticFailRate);
        }

        public Settings withCriticFailRate(double rate) {
            return new Settings(seed, latency, tokensPerSecond, rate);
        }
    }

    private final Settings settings;
    private final String modelName;

    public SimulatedModel(Settings settings, String modelName) {
        this.settings = settings;
        this.modelName = modelName;
    }

    @Override
    public ModelReply chat(ModelRequest request, TokenSink sink) throws ModelException {
        String system = "";
        String user = "";
        List<ChatMessage.ToolResult> results = new ArrayList<>();
        int inputChars = 0;
        for (ChatMessage m : request.messages()) {
            if (m instanceof ChatMessage.System s) {
                system = s.text();
                inputChars += s.text().length();
            } else if (m instanceof ChatMessage.User u) {
                user = u.text();
                inputChars += u.text().length();
            } else if (m instanceof ChatMessage.ToolResult r) {
                results.add(r);
                inputChars += r.text().length();
            } else if (m instanceof ChatMessage.Assistant a) {
                inputChars += a.text().length();
            }
        }
        SimulatedText.Spec spec = SimulatedText.Spec.parse(system);
        Random rnd = new Random(settings.seed() * 31 + request.nodeId().hashCode() * 17L + user.hashCode()
                + results.size());
        String text = "";
        List<ToolCall> calls = List.of();
        boolean delegating = request.tools().stream().anyMatch(t -> t.name().startsWith("delegate_to_"));
        boolean swarm = request.tools().stream().anyMatch(t -> t.name().startsWith("handoff_to_"));
        if (SimulatedRouter.applies(request.tools())) {
            calls = SimulatedRouter.decide(request.tools(), user);
        } else if (delegating) {
            SimulatedPlanner.Turn turn = SimulatedPlanner.next(spec, request.tools(), user, request.messages());
            calls = turn.calls();
            text = turn.text().isEmpty() ? "" : label(turn.text());
        } else if (swarm && results.isEmpty()
                && !SimulatedTools.calls(request.tools(), user, spec.instructions(), system).isEmpty()) {
            // a swarm agent with plain tools uses them first (billing reads the invoices), then decides
            calls = SimulatedTools.calls(request.tools(), user, spec.instructions(), system);
        } else if (swarm) {
            SimulatedSwarm.Move move = SimulatedSwarm.decide(spec, request.tools(), user, rnd);
            calls = move.calls();
            text = move.note();
            if (!move.handsOff()) {
                String answer = SimulatedText.answer(spec, user, rnd);
                text = answer.startsWith("{") ? answer : label(results.isEmpty() ? answer
                        : SimulatedTools.answer(results, answer));
            }
        } else if (SimulatedTools.applies(request.tools()) && !request.jsonResponse()
                && (!results.isEmpty()
                        || !SimulatedTools.calls(request.tools(), user, spec.instructions(), system).isEmpty())) {
            if (results.isEmpty()) {
                calls = SimulatedTools.calls(request.tools(), user, spec.instructions(), system);
            } else {
                String answer = SimulatedText.answer(spec, user, rnd);
                // a JSON answer stays valid JSON: the tools' results are not prefixed to it
                text = answer.startsWith("{") ? answer : label(SimulatedTools.answer(results, answer));
            }
        } else if (request.jsonResponse() || user.contains("{\"winner\"")) {
            text = json(spec, user, rnd);
        } else {
            String answer = SimulatedText.answer(spec, user, rnd);
            // a JSON answer carries its label as a field, so that it stays valid JSON
            text = answer.startsWith("{") ? answer : label(answer);
        }
        int outTokens = Math.max(1, (text.length() + 3) / 4 + calls.size() * 12);
        pace(text, outTokens, sink);
        return new ModelReply(text, calls, (inputChars + 3) / 4, outTokens, false, "simulated", modelName, true);
    }

    private static String label(String text) {
        return LABEL + "\n" + text;
    }

    /** Sleeps the configured latency, then streams the text line by line at the configured speed. */
    private void pace(String text, int tokens, TokenSink sink) throws ModelException {
        try {
            if (!settings.latency().isZero()) {
                Thread.sleep(settings.latency().toMillis());
            }
            if (text.isEmpty()) {
                return;
            }
            String[] lines = text.split("(?<=\\n)");
            long perLine = settings.tokensPerSecond() > 0
                    ? tokens * 1000L / settings.tokensPerSecond() / lines.length : 0;
            for (String line : lines) {
                if (perLine > 0) {
                    Thread.sleep(perLine);
                }
                sink.onToken(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.CANCELLED, "simulated call interrupted");
        }
    }

    /** A critic verdict, or a judge/verifier decision naming the candidate closest to the request. */
    private String json(SimulatedText.Spec spec, String user, Random rnd) {
        ObjectNode node = JSON.createObjectNode();
        Matcher m = CANDIDATE.matcher(user);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (user.startsWith("Rubric:") || spec.kind().equals("CRITIC")) {
            boolean retry = user.contains("=== Feedback from ");
            boolean pass = retry || rnd.nextDouble() >= settings.criticFailRate();
            node.put("pass", pass);
            node.put("feedback", pass ? "The output meets the rubric." : rejection(user, rnd));
        } else if (!ids.isEmpty()) {
            String context = user.contains("=== Context ===") ? user.substring(user.indexOf("=== Context ===")) : user;
            String winner = ids.get(0);
            double best = -1;
            for (String id : ids) {
                String text = candidateText(user, id);
                double s = LexicalMatch.similarity(context, text);
                if (s > best) {
                    best = s;
                    winner = id;
                }
            }
            node.put("winner", winner);
            node.put("rationale", "'" + winner + "' is the most consistent with the request (word overlap "
                    + String.format(java.util.Locale.ROOT, "%.2f", best) + ") among " + ids);
        } else {
            node.put("answer", SimulatedText.answer(spec, user, rnd));
        }
        node.put("simulated", true);
        return node.toString();
    }

    /** A rejection that names one requirement of the rubric, so that the retry has something specific to fix. */
    private static String rejection(String user, Random rnd) {
        String rubric = user.startsWith("Rubric:") ? user.substring("Rubric:".length()).split("\\R")[0].strip() : "";
        List<String> parts = new ArrayList<>();
        for (String p : rubric.split(";\\s*|(?<=\\.)\\s+")) {
            if (p.strip().length() > 10) {
                parts.add(p.strip().replaceAll("[.\\s]+$", ""));
            }
        }
        if (parts.isEmpty()) {
            return SimulatedText.pick(rnd, "One claim lacks its source; add it.",
                    "The second section repeats the first; tighten it.", "A figure does not match the input; correct it.");
        }
        String unmet = parts.get(rnd.nextInt(parts.size()));
        return "Not yet met: " + SimulatedText.lowerFirst(unmet) + ". " + SimulatedText.pick(rnd,
                "Fix that and keep the rest.", "Change only what this needs.", "Point to the passage that meets it.");
    }

    private static String candidateText(String user, String id) {
        int at = user.indexOf("[" + id + "] ");
        int next = user.indexOf("\n\n[", at + 1);
        int ctx = user.indexOf("\n\n===", at + 1);
        int end = next < 0 ? (ctx < 0 ? user.length() : ctx) : next;
        return user.substring(at, end);
    }
}
