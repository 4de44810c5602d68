package dev.baton.ui.canvas.gestures;

import dev.baton.flow.AgentNode;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.ZoomPan;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Rectangle;

import java.util.LinkedHashSet;
import java.util.Set;

/** Rubber-band selection on the empty canvas; shift adds to the selection. A click without drag clears it. */
public final class MarqueeGesture implements Gesture {

    private final FlowDocument document;
    private final ZoomPan view;
    private final Rectangle band;
    private final boolean add;
    private final double x0;
    private final double y0;

    public MarqueeGesture(FlowDocument document, ZoomPan view, Rectangle band, MouseEvent pressed) {
        this.document = document;
        this.view = view;
        this.band = band;
        this.add = pressed.isShiftDown();
        this.x0 = pressed.getX();
        this.y0 = pressed.getY();
        band.setVisible(false);
    }

    @Override
    public String name() {
        return "MARQUEE";
    }

    @Override
    public void dragged(MouseEvent e) {
        band.setX(Math.min(x0, e.getX()));
        band.setY(Math.min(y0, e.getY()));
        band.setWidth(Math.abs(e.getX() - x0));
        band.setHeight(Math.abs(e.getY() - y0));
        band.setVisible(true);
    }

    @Override
    public void released(MouseEvent e) {
        band.setVisible(false);
        Set<String> ids = new LinkedHashSet<>(add ? document.selection() : Set.of());
        if (Math.abs(e.getX() - x0) > 3 || Math.abs(e.getY() - y0) > 3) {
            Point2D a = view.toWorld(Math.min(x0, e.getX()), Math.min(y0, e.getY()));
            Point2D b = view.toWorld(Math.max(x0, e.getX()), Math.max(y0, e.getY()));
            Bounds area = new BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
            for (AgentNode n : document.flow().nodes()) {
                if (area.intersects(NodeGeometry.bounds(n.position().x(), n.position().y()))) {
                    ids.add(n.id());
                }
            }
        }
        document.select(ids);
    }

    @Override
    public void cancel() {
        band.setVisible(false);
    }
}
