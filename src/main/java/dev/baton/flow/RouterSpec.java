package dev.baton.flow;

import java.util.Objects;

/**
 * What a ROUTER node needs beyond the common fields; the routes themselves are its outgoing ROUTE edges.
 *
 * @param mode how the route is picked
 */
public record RouterSpec(RouterMode mode) {

    /** The mode a new router starts with: the model decides. */
    public static final RouterSpec DEFAULT = new RouterSpec(RouterMode.LLM);

    public RouterSpec {
        Objects.requireNonNull(mode, "mode");
    }
}
