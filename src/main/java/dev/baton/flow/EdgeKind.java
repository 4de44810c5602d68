package dev.baton.flow;

/** How two nodes are wired; the kind decides what travels along the edge and when. */
public enum EdgeKind {
    /** Chain order. Several NEXT edges out of a node are parallel branches; several in are a join. */
    NEXT,
    /** Supervisor to worker: the worker answers only to this supervisor. */
    DELEGATES,
    /** Swarm peer to peer: the active agent may pass control along it; cycles are allowed. */
    HANDOFF,
    /** Router to one of its routes: exactly one of a router's ROUTE edges is taken per activation. */
    ROUTE,
    /** Critic to the node whose output it checks. */
    REVIEWS;

    /** True for edges that pass work (and so carry a context policy). */
    public boolean carriesWork() {
        return this != REVIEWS;
    }
}
