package dev.baton.engine;

/**
 * Answers a question a HUMAN node (or an ASK_HUMAN critic policy) puts to the person running the flow. Called on an
 * engine worker thread; it may block (e.g. read stdin). {@link RunHandle#answer} may answer the same request instead.
 */
@FunctionalInterface
public interface HumanInputHandler {

    /** The person's answer to {@code question}; {@code context} is what the node received. */
    String answer(String requestId, String nodeId, String question, String context) throws Exception;
}
