package dev.baton.ui.run;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;

/** The animation controls a live run and a replay share: pause, resume, step and speed. Call on the FX side. */
public interface PlaybackControls {

    /** Stops applying events to the view-model (a live engine goes on; a replay stops feeding). */
    void pause();

    void resume();

    /** Applies exactly one event (best used while paused); false when none is available yet. */
    boolean step();

    ReadOnlyBooleanProperty pausedProperty();

    /**
     * Animation speed: 1 is real time, 2 twice as fast; 0 means as fast as possible. The canvas scales its animation
     * durations by it; a replay scales the recorded gaps between events by it. A live engine is never slowed.
     */
    DoubleProperty speedProperty();
}
