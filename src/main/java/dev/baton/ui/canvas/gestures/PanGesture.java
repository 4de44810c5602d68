package dev.baton.ui.canvas.gestures;

import dev.baton.ui.canvas.geometry.ZoomPan;
import javafx.scene.input.MouseEvent;

/** Space-drag or middle-button drag: moves the view, never the model. */
public final class PanGesture implements Gesture {

    private final ZoomPan view;
    private double lastX;
    private double lastY;

    public PanGesture(ZoomPan view, MouseEvent pressed) {
        this.view = view;
        lastX = pressed.getX();
        lastY = pressed.getY();
    }

    @Override
    public String name() {
        return "PAN";
    }

    @Override
    public void dragged(MouseEvent e) {
        view.panBy(e.getX() - lastX, e.getY() - lastY);
        lastX = e.getX();
        lastY = e.getY();
    }

    @Override
    public void released(MouseEvent e) {
        dragged(e);
    }

    @Override
    public void cancel() {
        // the view is not part of the model: nothing to roll back
    }
}
