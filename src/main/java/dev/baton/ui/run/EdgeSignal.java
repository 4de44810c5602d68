package dev.baton.ui.run;

/**
 * Something that travelled along an edge: what a canvas animates as a token moving from {@code from} to {@code to}.
 *
 * @param seq         the event's sequence number (a new signal, even with the same text, has a new one)
 * @param contextMode the context policy applied ("" when none applies)
 * @param text        the context, instruction, answer or critic feedback that travelled
 */
public record EdgeSignal(Kind kind, String from, String to, String contextMode, String text, long seq) {

    /** What travelled. */
    public enum Kind {
        /** Context along a NEXT edge into a node. */
        CONTEXT,
        /** Control and context along a HANDOFF edge. */
        HANDOFF,
        /** A sub-task from a supervisor to a worker. */
        DELEGATION,
        /** A worker's answer back to its supervisor. */
        RETURN,
        /** A critic's rejection travelling back to the producer (drawn red). */
        REJECTION,
        /** A critic's approval. */
        APPROVAL,
        /** The input a judge chose. */
        CHOSEN
    }
}
