package dev.baton.engine;

import dev.baton.engine.step.Transcript;

/**
 * What a chain node produced: its output text and the history of its path including that output.
 *
 * @param nodeId  the node
 * @param text    its output
 * @param history the request and outputs along its path, ending with this node's output
 */
public record NodeOutput(String nodeId, String text, Transcript history) { }
