package dev.baton.engine.model.simulated;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a simulated supervisor plans: first turn, the research and analysis workers that fit the request, in parallel,
 * each with a sub-task built from its goal and the request; next turn, the writer (or editor, or summary writer) with
 * the collected findings in its instruction; last turn, the final answer: the writer's document, introduced by the
 * supervisor, or a combination of the findings when there is no writer.
 */
final class SimulatedPlanner {

    private static final String PREFIX = "delegate_to_";

    /** One supervisor turn: delegations, or the final text when there are none. */
    record Turn(List<ToolCall> calls, String text) { }

    private SimulatedPlanner() {
    }

    static Turn next(SimulatedText.Spec spec, List<ToolSpec> tools, String user, List<ChatMessage> messages) {
        Map<String, SimulatedRole.Peer> peers = new LinkedHashMap<>();
        for (ToolSpec t : tools) {
            if (t.name().startsWith(PREFIX)) {
                peers.put(t.name(), SimulatedRole.Peer.of(t));
            }
        }
        Set<String> called = new LinkedHashSet<>();
        Map<String, String> results = new LinkedHashMap<>();
        for (ChatMessage m : messages) {
            if (m instanceof ChatMessage.Assistant a) {
                a.toolCalls().forEach(c -> called.add(c.name()));
            } else if (m instanceof ChatMessage.ToolResult r) {
                results.put(r.toolName(), r.text().replace(SimulatedModel.LABEL + "\n", "").strip());
            }
        }
        List<SimulatedRole.Peer> researchers = new ArrayList<>();
        List<SimulatedRole.Peer> writers = new ArrayList<>();
        for (SimulatedRole.Peer p : peers.values()) {
            (role(p).synthesises() ? writers : researchers).add(p);
        }
        if (called.isEmpty()) {
            List<SimulatedRole.Peer> first = relevant(researchers.isEmpty() ? writers : researchers, spec, user);
            if (researchers.isEmpty() && !first.isEmpty()) {
                first = List.of(first.get(0));
            }
            return new Turn(calls(first, p -> researchTask(p, user)), "");
        }
        for (SimulatedRole.Peer w : writers) {
            if (!called.contains(w.tool())) {
                return new Turn(calls(List.of(w), p -> writeTask(p, user, results, peers)), "");
            }
        }
        return new Turn(List.of(), finalAnswer(spec, user, results, peers, writers));
    }

    private static SimulatedRole role(SimulatedRole.Peer p) {
        return SimulatedRole.of(p.name(), p.role(), p.goal(), "");
    }

    /**
     * Workers that fit the request and the supervisor's own brief (at least a quarter of the best; all if none), plus
     * those its instructions name, in the order of the supervisor's edges.
     */
    private static List<SimulatedRole.Peer> relevant(List<SimulatedRole.Peer> candidates, SimulatedText.Spec spec,
                                                     String user) {
        String brief = SimulatedText.request(user) + " " + spec.goal() + " " + spec.instructions();
        Map<SimulatedRole.Peer, Double> scores = new LinkedHashMap<>();
        for (SimulatedRole.Peer p : candidates) {
            scores.put(p, LexicalMatch.similarity(brief, p.name() + ": " + p.specialty()));
        }
        double best = scores.values().stream().mapToDouble(d -> d).max().orElse(0);
        // a worker the supervisor's own instructions name is always part of the plan
        return scores.entrySet().stream().filter(e -> best == 0 || e.getValue() >= best / 4
                        || spec.instructions().contains(e.getKey().name()))
                .map(Map.Entry::getKey).toList();
    }

    private static List<ToolCall> calls(List<SimulatedRole.Peer> peers,
                                        java.util.function.Function<SimulatedRole.Peer, String> task) {
        List<ToolCall> out = new ArrayList<>();
        for (SimulatedRole.Peer p : peers) {
            out.add(new ToolCall("call_" + p.tool().substring(PREFIX.length()), p.tool(),
                    Map.of("task", task.apply(p))));
        }
        return out;
    }

    /** A sub-task from the worker's goal, applied to this request's product, plus what to deliver. */
    static String researchTask(SimulatedRole.Peer p, String user) {
        String topic = SimulatedText.topic(user);
        SimulatedSubject s = SimulatedSubject.of(SimulatedText.request(user), "");
        String ask = p.goal().isEmpty() ? "Cover the part of it that fits your role ("
                + SimulatedText.lowerFirst(p.role().isEmpty() ? p.name() : p.role()) + ")"
                : s.product().equals("the product") ? p.goal()
                : p.goal().replace("for the product", "for " + s.product()).replace("the product", s.product());
        String deliver = switch (role(p)) {
            case MARKET_RESEARCHER -> "Report the market size, the main segments, the strongest competitors and the "
                    + "channels as bullets, each figure with its source.";
            case FINANCIAL -> "Give a cost table, low, base and high revenue scenarios and the break-even point, with "
                    + "every assumption.";
            case LEGAL -> "List the applicable regulations, the options and the launch risks, each risk with its "
                    + "severity.";
            case RESEARCHER, ANALYST -> "Give your findings as bullets, each with its source.";
            default -> "Report back with what you found, as short bullets.";
        };
        String details = SimulatedText.details(user);
        return "For \"" + topic + "\": " + ask.replaceAll("[.\\s]+$", "") + ". " + deliver
                + (details.isEmpty() ? "" : " Brief: " + details);
    }

    private static String writeTask(SimulatedRole.Peer p, String user, Map<String, String> results,
                                    Map<String, SimulatedRole.Peer> peers) {
        String topic = SimulatedText.topic(user);
        String what = p.goal().isEmpty() ? "Write the deliverable" : p.goal().replaceAll("[.\\s]+$", "");
        StringBuilder sb = new StringBuilder("For \"" + topic + "\": " + what + ", from the findings below. Use only "
                + "these facts and keep their sources.");
        String details = SimulatedText.details(user);
        if (!details.isEmpty()) {
            sb.append(" Brief: ").append(details);
        }
        if (results.isEmpty()) {
            sb.append("\n\n(No findings were collected; work from the request.)");
        }
        results.forEach((tool, text) -> sb.append("\n\n").append(SimulatedArticles.FINDINGS_FROM)
                .append(peers.containsKey(tool) ? peers.get(tool).name() : tool).append('\n').append(text));
        return sb.toString();
    }

    private static String finalAnswer(SimulatedText.Spec spec, String user, Map<String, String> results,
                                      Map<String, SimulatedRole.Peer> peers, List<SimulatedRole.Peer> writers) {
        List<String> names = results.keySet().stream().map(t -> peers.containsKey(t) ? peers.get(t).name() : t)
                .toList();
        SimulatedRole.Peer writer = writers.stream().filter(w -> results.containsKey(w.tool()))
                .reduce((a, b) -> b).orElse(null);
        if (writer != null) {
            List<String> sources = names.stream().filter(n -> !n.equals(writer.name())).toList();
            return spec.displayName() + ": here is the final result. " + writer.name() + " wrote it"
                    + (sources.isEmpty() ? "" : " from the findings of " + join(sources)) + ".\n\n"
                    + results.get(writer.tool());
        }
        String topic = SimulatedText.topic(user);
        StringBuilder sb = new StringBuilder("# " + SimulatedText.title(topic) + "\n\n" + spec.displayName()
                + ": combined answer from the findings of " + join(names) + ".");
        // one section per worker, headed by its id as in the run's events; the worker's own title is dropped
        results.entrySet().stream().sorted(Comparator.comparing(Map.Entry::getKey)).forEach(e -> sb.append("\n\n## From ")
                .append(e.getKey().substring(e.getKey().startsWith(PREFIX) ? PREFIX.length() : 0)).append("\n\n")
                .append(e.getValue().replaceFirst("^#+ [^\n]*\n+", "")));
        return sb.toString();
    }

    static String join(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
