package dev.baton.engine.model;

import dev.baton.flow.ModelRef;

/** Turns a node's model reference into a callable model; the one seam between the engine and any provider. */
public interface ModelProvider {

    /**
     * Reports, before a run starts, what is missing to call this model (e.g. "set OPENAI_API_KEY"), or null when
     * nothing is.
     */
    String missingCredentials(ModelRef ref);

    /** A model for this reference. Never silently substitutes another provider. */
    AgentModel model(ModelRef ref);
}
