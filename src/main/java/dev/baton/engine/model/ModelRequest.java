package dev.baton.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * One call to a model.
 *
 * @param nodeId       the node on whose behalf the call is made (for events and for the simulated model)
 * @param messages     the conversation so far, system prompt first
 * @param tools        tools offered on this call; empty for a plain answer
 * @param jsonResponse true when the answer must be a JSON object (critic verdicts, judge decisions)
 */
public record ModelRequest(String nodeId, List<ChatMessage> messages, List<ToolSpec> tools, boolean jsonResponse) {
    public ModelRequest {
        Objects.requireNonNull(nodeId, "nodeId");
        // a snapshot of the conversation is immutable already: a tool loop's turns would copy it whole each time
        messages = AppendOnlyList.isSnapshot(messages) ? messages : List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
