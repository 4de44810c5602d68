package dev.baton.flow;

import java.util.Objects;

/**
 * A directed wire between two nodes.
 *
 * @param id      unique within the flow
 * @param kind    what the edge means
 * @param from    source node id (for REVIEWS: the critic)
 * @param to      target node id (for REVIEWS: the node checked)
 * @param context what is passed along (work-carrying kinds); null on REVIEWS edges
 * @param review  the retry loop (REVIEWS only); null otherwise
 * @param label   optional text shown on the canvas, or ""
 * @param route   what the route says (ROUTE only); null otherwise
 */
public record Edge(String id, EdgeKind kind, String from, String to, ContextPolicy context, ReviewPolicy review,
                   String label, RouteSpec route) {

    public Edge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        label = label == null ? "" : label;
    }

    /** An edge without a route part (every kind but ROUTE). */
    public Edge(String id, EdgeKind kind, String from, String to, ContextPolicy context, ReviewPolicy review,
                String label) {
        this(id, kind, from, to, context, review, label, kind == EdgeKind.ROUTE ? RouteSpec.EMPTY : null);
    }

    /** A ROUTE edge out of a router, with the full-history policy. */
    public static Edge route(String id, String router, String target, RouteSpec spec) {
        return new Edge(id, EdgeKind.ROUTE, router, target, ContextPolicy.FULL, null, "", spec);
    }

    /** A NEXT edge with the full-history policy. */
    public static Edge next(String id, String from, String to) {
        return new Edge(id, EdgeKind.NEXT, from, to, ContextPolicy.FULL, null, "");
    }

    /** A DELEGATES edge: the worker sees only the sub-task its supervisor sends (LAST). */
    public static Edge delegates(String id, String supervisor, String worker) {
        return new Edge(id, EdgeKind.DELEGATES, supervisor, worker, ContextPolicy.LAST, null, "");
    }

    /** A HANDOFF edge with the full-history policy. */
    public static Edge handoff(String id, String from, String to) {
        return new Edge(id, EdgeKind.HANDOFF, from, to, ContextPolicy.FULL, null, "");
    }

    /** A REVIEWS edge from a critic to the node it checks. */
    public static Edge reviews(String id, String critic, String reviewed, ReviewPolicy policy) {
        return new Edge(id, EdgeKind.REVIEWS, critic, reviewed, null, policy, "");
    }

    public Edge withContext(ContextPolicy policy) {
        return new Edge(id, kind, from, to, policy, review, label, route);
    }

    public Edge withReview(ReviewPolicy policy) {
        return new Edge(id, kind, from, to, context, policy, label, route);
    }

    public Edge withEnds(String newFrom, String newTo) {
        return new Edge(id, kind, newFrom, newTo, context, review, label, route);
    }

    public Edge withId(String newId) {
        return new Edge(newId, kind, from, to, context, review, label, route);
    }

    public Edge withLabel(String newLabel) {
        return new Edge(id, kind, from, to, context, review, newLabel, route);
    }

    public Edge withRoute(RouteSpec spec) {
        return new Edge(id, kind, from, to, context, review, label, spec);
    }

    /** The context policy in force: the edge's own, or FULL when none is set. */
    public ContextPolicy effectiveContext() {
        return context != null ? context : ContextPolicy.FULL;
    }
}
