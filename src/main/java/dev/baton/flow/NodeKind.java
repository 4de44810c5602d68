package dev.baton.flow;

/** What a node on the canvas is: where work enters, who does it, who checks it and where it leaves. */
public enum NodeKind {
    /** Where the user's input enters the flow; exactly one per flow. */
    START,
    /** A worker agent: role, goal, instructions, tools. */
    AGENT,
    /** An agent that decomposes a request and delegates sub-tasks to its workers over DELEGATES edges. */
    SUPERVISOR,
    /** A validator that checks another node's output (LLM rubric and/or deterministic checks) over a REVIEWS edge. */
    CRITIC,
    /** Resolves a join of several NEXT inputs that may contradict each other. */
    JUDGE,
    /** Asks the person running the flow; the node's instructions are the question. */
    HUMAN,
    /** Sends its input down exactly one of its outgoing ROUTE edges, picked by the model or by rules. */
    ROUTER,
    /** Where the final answer leaves the flow; at most one per flow. */
    OUTPUT;

    /** True for kinds that call a language model and so may carry a model override. */
    public boolean callsModel() {
        return this == AGENT || this == SUPERVISOR || this == CRITIC || this == JUDGE || this == ROUTER;
    }
}
