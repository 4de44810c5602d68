package dev.baton.engine.model;

import java.util.List;
import java.util.Objects;

/** A message in a conversation with a model, in the engine's own terms (no provider library types). */
public sealed interface ChatMessage permits ChatMessage.System, ChatMessage.User, ChatMessage.Assistant,
        ChatMessage.ToolResult {

    /** The system prompt: who the agent is and what it must do. */
    record System(String text) implements ChatMessage {
        public System {
            Objects.requireNonNull(text, "text");
        }
    }

    /** What the agent is asked (the assembled input). */
    record User(String text) implements ChatMessage {
        public User {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A previous reply of the model, with the tool calls it made. */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            text = text == null ? "" : text;
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }

    /** The result of one tool call, answered back to the model. */
    record ToolResult(String callId, String toolName, String text) implements ChatMessage {
        public ToolResult {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(toolName, "toolName");
            text = text == null ? "" : text;
        }
    }
}
