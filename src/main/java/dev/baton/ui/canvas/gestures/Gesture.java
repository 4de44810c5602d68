package dev.baton.ui.canvas.gestures;

import javafx.scene.input.MouseEvent;

/**
 * One pointer interaction on the canvas, from press (its constructor) to release or cancel. The canvas keeps at most
 * one active, so a move can never turn into a marquee half-way.
 */
public interface Gesture {

    /** The gesture's name, for tests and the status bar: MOVE, CONNECT, MARQUEE, PAN. */
    String name();

    void dragged(MouseEvent e);

    void released(MouseEvent e);

    /** Abandons the gesture (Escape, focus lost): nothing reaches the model. */
    void cancel();
}
