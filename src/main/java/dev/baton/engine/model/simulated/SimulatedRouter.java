package dev.baton.engine.model.simulated;

import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the simulated model routes: it calls the route tool whose description shares the most words with the input
 * (the same lexical match the simulated swarm uses), and the default route when no description matches at all.
 * Deterministic: the same input and routes always give the same route, ties going to the first route.
 */
final class SimulatedRouter {

    static final String PREFIX = "route_to_";
    private static final String DEFAULT_MARK = "(default route)";

    private SimulatedRouter() {
    }

    /** True when the request offers route tools. */
    static boolean applies(List<ToolSpec> tools) {
        return tools.stream().anyMatch(t -> t.name().startsWith(PREFIX));
    }

    /** One route tool call with the reason, or no call when there is no route tool. */
    static List<ToolCall> decide(List<ToolSpec> tools, String input) {
        // the labels of transcript blocks ("Request:", "Billing:") are not what the input is about
        String user = input.replaceAll("(?m)^[^\\n:]{1,60}:$", "");
        ToolSpec best = null;
        double bestScore = 0;
        ToolSpec fallback = null;
        for (ToolSpec t : tools) {
            if (!t.name().startsWith(PREFIX)) {
                continue;
            }
            if (fallback == null || t.description().contains(DEFAULT_MARK) && !fallback.description().contains(DEFAULT_MARK)) {
                fallback = t;
            }
            String description = t.description().replace(DEFAULT_MARK, "");
            int goes = description.lastIndexOf(" (goes to ");
            double score = LexicalMatch.similarity(user, goes > 0 ? description.substring(0, goes) : description);
            if (score > bestScore) {
                bestScore = score;
                best = t;
            }
        }
        if (fallback == null) {
            return List.of();
        }
        String reason;
        if (best == null) {
            best = fallback;
            reason = "no route description matches the input; taking "
                    + (fallback.description().contains(DEFAULT_MARK) ? "the default route" : "the first route");
        } else {
            Set<String> shared = LexicalMatch.shared(user, best.description());
            reason = "the input speaks of " + String.join(", ", shared.stream().limit(4).toList())
                    + ", which this route's description covers";
        }
        return List.of(new ToolCall("route-1", best.name(), Map.of("reason", reason)));
    }
}
