package dev.baton.engine;

import dev.baton.engine.model.AppendOnlyList;
import dev.baton.engine.model.ChatMessage;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A model call's prompt as {@link RunEvent.ModelRequested} carries it: an immutable view over the call's messages
 * that converts a message to its event form when a sink first reads it, not when the call is made. A run with no
 * sink reading prompts converts nothing, and one whose sinks run on listener threads converts there, off the
 * engine's thread. Every reader sees the same messages (a snapshot), converted the same way
 * ({@link ModelCaller#promptMessage}); a redacting sink redacts what it reads, as from any list.
 *
 * <p>The views of one tool loop's calls share one {@link Conversion}: the loop's conversation is an
 * {@link AppendOnlyList}, whose message at a position never changes, so a message is converted once however many
 * calls' events show it (a loop of N calls converts N messages, not N²).
 */
final class PromptView extends AbstractList<RunEvent.PromptMessage> implements RandomAccess {

    private final Conversion conversion;
    private final List<ChatMessage> messages;

    PromptView(Conversion conversion, List<ChatMessage> messages) {
        this.conversion = conversion;
        this.messages = messages;
    }

    @Override
    public RunEvent.PromptMessage get(int index) {
        Objects.checkIndex(index, messages.size());
        return conversion.get(messages, index);
    }

    @Override
    public int size() {
        return messages.size();
    }

    /**
     * The converted messages of one conversation by position, filled as they are read. Only lists whose message at
     * a position is always the same one may share it (the snapshots of one {@link AppendOnlyList}). Readers may be
     * on any thread: the array is only touched under this object's lock.
     */
    static final class Conversion {
        private RunEvent.PromptMessage[] converted = new RunEvent.PromptMessage[8];

        synchronized RunEvent.PromptMessage get(List<ChatMessage> messages, int index) {
            if (index >= converted.length) {
                converted = Arrays.copyOf(converted, Math.max(index + 1, converted.length * 2));
            }
            RunEvent.PromptMessage p = converted[index];
            if (p == null) {
                p = ModelCaller.promptMessage(messages.get(index));
                converted[index] = p;
            }
            return p;
        }
    }
}
