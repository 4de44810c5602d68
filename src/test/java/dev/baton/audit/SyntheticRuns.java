package dev.baton.audit;

import dev.baton.flow.ContextMode;
import dev.baton.flow.NodeKind;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Event streams for the audit benchmark, built without the engine so that the writer alone is measured.
 * {@link #tokenHeavy} is the old benchmark's mix (mostly short token chunks); {@link #fullChain} is a chain of agents
 * with FULL context exactly as the engine assembles it ("Label:\ntext" blocks joined by blank lines), where every
 * agent's output is new text: the only repetition left is the one FULL context itself creates.
 */
public final class SyntheticRuns {

    private static final String[] WORDS = ("heat pump grid load winter tariff install cost survey data region"
            + " output figure trend policy subsidy efficiency season demand supply network customer market report"
            + " analysis draft source claim estimate range risk review margin forecast budget").split(" ");

    private SyntheticRuns() {
    }

    /** The old mix: per 10 events one AgentStarted, one ModelRequested, one ModelResponded, seven token chunks. */
    public static List<RunEvent> tokenHeavy(String runId, int events) {
        Instant t = Instant.now();
        List<RunEvent> list = new ArrayList<>(events);
        list.add(new RunEvent.RunStarted(runId, 1, t, "", "", "long-chain", "Long chain", "input", true,
                List.of("simulated/sim-1")));
        for (long seq = 2; seq < events; seq++) {
            String node = "agent-" + (seq / 50 % 3 + 1);
            list.add(switch ((int) (seq % 10)) {
                case 0 -> new RunEvent.AgentStarted(runId, seq, t, node, "e1", NodeKind.AGENT, "Agent", "some input text", 1);
                case 1 -> new RunEvent.ModelRequested(runId, seq, t, node, "", 2, List.of(), 1, List.of());
                case 9 -> new RunEvent.ModelResponded(runId, seq, t, node, "", 120, 80, false, 1, "simulated",
                        "sim-1", true, List.of(), "the reply", null);
                default -> new RunEvent.TokenChunk(runId, seq, t, node, "", "a streamed line of about forty chars\n");
            });
        }
        list.add(new RunEvent.RunFinished(runId, events, t, "", "", "out", new RunTotals(1, 1, 1, 1)));
        return list;
    }

    /**
     * A run of {@code agents} agents in a FULL-context chain: per agent AgentStarted, ContextPassed, ModelRequested
     * (system prompt and the context as user message), one token chunk per line of the output, ModelResponded (with
     * a cost) and AgentFinished. Outputs have {@code paragraphs} paragraphs of about 250 characters, drawn from
     * {@code seed}: every run and every agent writes text of its own.
     */
    public static List<RunEvent> fullChain(String runId, int agents, int paragraphs, long seed) {
        Random random = new Random(seed);
        Instant t = Instant.now();
        List<RunEvent> list = new ArrayList<>();
        String request = "Write a short report on " + sentence(random, 8);
        list.add(new RunEvent.RunStarted(runId, 1, t, "", "", "long-chain", "Long chain", request, false,
                List.of("openai/gpt-4o-mini")));
        StringBuilder history = new StringBuilder("Request:\n").append(request);
        String output = request;
        for (int i = 1; i <= agents; i++) {
            String node = "agent-" + i;
            String edge = "e" + i;
            String context = history.toString();
            String system = "You are Agent " + i + ".\nKind: AGENT\nRole: Writer number " + i
                    + "\nGoal: Rewrite the text a little";
            list.add(new RunEvent.ContextPassed(runId, list.size() + 1, t, node, edge, i == 1 ? "start"
                    : "agent-" + (i - 1), ContextMode.FULL, context.length() / 4, false, context));
            list.add(new RunEvent.AgentStarted(runId, list.size() + 1, t, node, "", NodeKind.AGENT, "Agent " + i, context,
                    1));
            list.add(new RunEvent.ModelRequested(runId, list.size() + 1, t, node, "", 2, List.of(), 1,
                    List.of(new RunEvent.PromptMessage("system", "", system),
                            new RunEvent.PromptMessage("user", "", context))));
            output = output(random, paragraphs);
            for (String line : output.split("(?<=\n)")) {
                list.add(new RunEvent.TokenChunk(runId, list.size() + 1, t, node, "", line));
            }
            int in = context.length() / 4;
            int out = output.length() / 4;
            list.add(new RunEvent.ModelResponded(runId, list.size() + 1, t, node, "", in, out, true, 900, "openai",
                    "gpt-4o-mini", false, List.of(), output, (in * 0.15 + out * 0.6) / 1e6));
            list.add(new RunEvent.AgentFinished(runId, list.size() + 1, t, node, "", output, in, out, 900));
            history.append("\n\nAgent ").append(i).append(":\n").append(output);
        }
        list.add(new RunEvent.RunFinished(runId, list.size() + 1, t, "out", "", output,
                new RunTotals(1, 1, agents, 1)));
        return list;
    }

    private static String output(Random random, int paragraphs) {
        StringBuilder sb = new StringBuilder("# ").append(sentence(random, 5));
        for (int p = 0; p < paragraphs; p++) {
            sb.append("\n\n");
            for (int s = 0; s < 3; s++) {
                sb.append(s == 0 ? "" : s == 1 ? "\n" : " ").append(sentence(random, 12));
            }
        }
        return sb.toString();
    }

    private static String sentence(Random random, int words) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
        }
        // a number per sentence keeps sentences of different runs apart
        return sb.append(' ').append(random.nextInt(100_000)).append('.').toString();
    }
}
