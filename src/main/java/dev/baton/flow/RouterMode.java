package dev.baton.flow;

/** How a router picks its route. */
public enum RouterMode {
    /** The model reads the routes' descriptions and names one, with its reason. */
    LLM,
    /** The routes' conditions are tried in authored order; the first that holds wins, else the default route. */
    RULE
}
