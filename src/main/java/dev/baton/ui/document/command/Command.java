package dev.baton.ui.document.command;

import dev.baton.flow.Flow;

/**
 * One user edit of a flow, reversible. Commands are pure functions of the flow so that undo restores the exact
 * previous record (same node and edge order) and tests can check them without a stage.
 */
public interface Command {

    /** The flow after the edit. */
    Flow execute(Flow flow);

    /** The flow before the edit, given the flow right after {@link #execute}. */
    Flow undo(Flow flow);

    /** What the edit did, for the Edit menu ("Move 3 nodes"). */
    String description();
}
