package dev.baton.ui.document;

import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.Ids;
import dev.baton.flow.Problem;
import dev.baton.flow.ReviewPolicy;
import dev.baton.flow.RouteSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a connection may be made, by asking the {@link FlowValidator} (the one source of the rules) about the
 * flow with the candidate edge added. A connection is refused when it brings a new ERROR concerning the edge, its two
 * ends or an edge at those ends; errors that only say the flow is not finished yet (a node not reachable yet, a swarm
 * without its entry yet) do not refuse it, or a user could never build a swarm one edge at a time.
 */
public final class ConnectionRules {

    /** Incompleteness, not wrongness: every half-built flow has these. */
    private static final Set<String> UNFINISHED = Set.of("unreachable", "swarm-no-entry", "route-cycle-unbounded",
            "route-without-condition", "router-no-default");

    private Flow cachedBase;
    private Set<String> cachedBaseErrors;

    /** The verdict on one candidate connection. */
    public record Verdict(Edge edge, Optional<String> refusal) {
        public boolean allowed() {
            return refusal.isEmpty();
        }
    }

    /** The edge a drag from {@code from}'s port of this kind to {@code to} would create, with default policies. */
    public static Edge candidate(Flow flow, EdgeKind kind, String from, String to) {
        Set<String> taken = new HashSet<>();
        flow.nodes().forEach(n -> taken.add(n.id()));
        flow.edges().forEach(e -> taken.add(e.id()));
        String id = Ids.unique(from + "-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + to, taken);
        return switch (kind) {
            case NEXT -> Edge.next(id, from, to);
            case DELEGATES -> Edge.delegates(id, from, to);
            case HANDOFF -> Edge.handoff(id, from, to);
            case ROUTE -> Edge.route(id, from, to, RouteSpec.EMPTY);
            case REVIEWS -> Edge.reviews(id, from, to,
                    new ReviewPolicy(Math.min(ReviewPolicy.DEFAULT.maxRetries(), flow.limits().maxCriticRetries()),
                            ReviewPolicy.DEFAULT.onExhausted()));
        };
    }

    /** Checks the connection {@code from --kind--> to}. */
    public Verdict check(Flow flow, EdgeKind kind, String from, String to) {
        Edge edge = candidate(flow, kind, from, to);
        Set<String> before = baseErrors(flow);
        Set<String> concerned = new HashSet<>(Set.of(edge.id(), from, to));
        List<Problem> after = FlowValidator.validate(flow.addEdge(edge));
        flow.edges().stream().filter(e -> e.from().equals(from) || e.to().equals(from)
                || e.from().equals(to) || e.to().equals(to)).forEach(e -> concerned.add(e.id()));
        Optional<String> refusal = after.stream()
                .filter(Problem::isError)
                .filter(p -> !UNFINISHED.contains(p.code()))
                .filter(p -> concerned.contains(p.elementId()) || p.code().equals("handoff-cycle-unbounded")
                        || p.code().equals("next-cycle"))
                .filter(p -> !before.contains(key(p)))
                .map(Problem::message)
                .findFirst();
        return new Verdict(edge, refusal);
    }

    private Set<String> baseErrors(Flow flow) {
        if (flow != cachedBase) {
            cachedBase = flow;
            cachedBaseErrors = FlowValidator.validate(flow).stream().filter(Problem::isError)
                    .map(ConnectionRules::key).collect(Collectors.toSet());
        }
        return cachedBaseErrors;
    }

    private static String key(Problem p) {
        return p.code() + "|" + p.elementId();
    }
}
