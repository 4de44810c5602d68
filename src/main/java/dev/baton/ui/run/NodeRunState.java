package dev.baton.ui.run;

/** Where a node stands in the run being watched; a canvas maps it to a CSS pseudo-class. */
public enum NodeRunState {
    /** Not reached yet, or nothing runs any more. */
    IDLE,
    /** Input has reached it (context, delegation, handoff) or it waits for a person; it has not started. */
    WAITING,
    /** An activation (or a critic's model call) is under way. */
    RUNNING,
    /** Its last activation finished. */
    DONE,
    /** It failed; {@link NodeView#errorProperty()} says why. */
    FAILED
}
