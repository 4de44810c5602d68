package dev.baton.engine;

import dev.baton.engine.step.StepException;
import dev.baton.flow.FlowBounds;

import java.util.Locale;

/**
 * The run-time side of {@link FlowBounds}: no single text a run carries (a model's reply, a node's input, a context
 * passed along an edge, a person's answer) grows without bound. A text over its cap stops the run with
 * LIMIT_REACHED and a message that says which text, how long it was and what to change, instead of filling the
 * events file and the heap.
 */
final class TextCaps {

    /** The limit's name in LimitReached events for a text over its cap. */
    static final String LIMIT = "textSize";

    private TextCaps() {
    }

    /** A model reply of {@code node} must fit {@link FlowBounds#MAX_OUTPUT_CHARS}. */
    static void reply(String nodeId, String text) throws StepException {
        if (text != null && text.length() > FlowBounds.MAX_OUTPUT_CHARS) {
            throw StepException.limit(nodeId, LIMIT, "the model of '" + nodeId + "' replied with "
                    + grouped(text.length()) + " characters, more than the " + grouped(FlowBounds.MAX_OUTPUT_CHARS)
                    + " one reply may have; ask it for a shorter answer");
        }
    }

    /** A node's input, an edge's context or an answer ({@code what}) must fit {@link FlowBounds#MAX_CONTEXT_CHARS}. */
    static void context(String nodeId, String what, String text) throws StepException {
        if (text != null && text.length() > FlowBounds.MAX_CONTEXT_CHARS) {
            throw StepException.limit(nodeId, LIMIT, what + " of '" + nodeId + "' would be "
                    + grouped(text.length()) + " characters, more than the " + grouped(FlowBounds.MAX_CONTEXT_CHARS)
                    + " one text may have; pass less along its edges (LAST or SUMMARY, or a tokenBudget)");
        }
    }

    private static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
