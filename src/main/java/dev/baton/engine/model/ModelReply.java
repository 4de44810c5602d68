package dev.baton.engine.model;

import java.util.List;

/**
 * What a model answered.
 *
 * @param text           the answer text ("" when it only called tools)
 * @param toolCalls      the tool calls asked for, in the model's order
 * @param inputTokens    prompt tokens
 * @param outputTokens   completion tokens
 * @param tokensReported true when the counts come from the provider, false when Baton estimated them
 * @param provider       provider id ("openai", "simulated", …)
 * @param modelName      the model's name as the provider reports it
 * @param simulated      true for Baton's offline simulated model: every event built from this reply says so
 * @param cut            true when the model stopped at its output limit with its text unfinished
 */
public record ModelReply(String text, List<ToolCall> toolCalls, int inputTokens, int outputTokens,
                         boolean tokensReported, String provider, String modelName, boolean simulated, boolean cut) {
    public ModelReply {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A reply that ended as the model meant it to. */
    public ModelReply(String text, List<ToolCall> toolCalls, int inputTokens, int outputTokens,
                      boolean tokensReported, String provider, String modelName, boolean simulated) {
        this(text, toolCalls, inputTokens, outputTokens, tokensReported, provider, modelName, simulated, false);
    }

    /** True when the model asked for at least one tool call. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
