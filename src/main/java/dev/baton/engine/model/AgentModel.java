package dev.baton.engine.model;

/**
 * A chat model as the engine sees it. Implementations: the simulated model, and LangChain4j-backed providers.
 * A call blocks the calling thread and must return promptly (throwing {@link ModelException} of kind CANCELLED) when
 * that thread is interrupted.
 */
public interface AgentModel {

    /**
     * Sends one request; streams text to {@code sink} where the provider can, and returns the complete reply.
     *
     * @throws ModelException classified provider failure (see {@link ModelException.Kind})
     */
    ModelReply chat(ModelRequest request, TokenSink sink) throws ModelException;
}
