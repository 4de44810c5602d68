package dev.baton.ui.canvas.geometry;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;

/** The canvas view transform: screen = translate + scale × world. Zoom keeps the point under the cursor still. */
public final class ZoomPan {

    public static final double MIN_SCALE = 0.05;
    public static final double MAX_SCALE = 3.0;
    /** Space around a fitted flow. */
    private static final double MARGIN = 40;

    private final DoubleProperty scale = new SimpleDoubleProperty(1);
    private final DoubleProperty translateX = new SimpleDoubleProperty(0);
    private final DoubleProperty translateY = new SimpleDoubleProperty(0);

    public DoubleProperty scale() {
        return scale;
    }

    public DoubleProperty translateX() {
        return translateX;
    }

    public DoubleProperty translateY() {
        return translateY;
    }

    public Point2D toWorld(double sx, double sy) {
        return new Point2D((sx - translateX.get()) / scale.get(), (sy - translateY.get()) / scale.get());
    }

    public Point2D toScreen(double wx, double wy) {
        return new Point2D(translateX.get() + wx * scale.get(), translateY.get() + wy * scale.get());
    }

    /** Multiplies the scale by {@code factor}, keeping the screen point (px, py) over the same world point. */
    public void zoomAt(double factor, double px, double py) {
        Point2D world = toWorld(px, py);
        double s = clamp(scale.get() * factor);
        scale.set(s);
        translateX.set(px - world.getX() * s);
        translateY.set(py - world.getY() * s);
    }

    public void panBy(double dx, double dy) {
        translateX.set(translateX.get() + dx);
        translateY.set(translateY.get() + dy);
    }

    /** Shows the world rectangle {@code content} centred in a viewport, with a margin, never above 100 %. */
    public void fit(Bounds content, double viewWidth, double viewHeight) {
        fit(content, viewWidth, viewHeight, java.util.List.of());
    }

    /** As {@link #fit(Bounds, double, double)}, in the best part of the view that no obstacle (an overlay) covers. */
    public void fit(Bounds content, double viewWidth, double viewHeight, java.util.List<Bounds> obstacles) {
        if (content == null || content.isEmpty() || viewWidth <= 0 || viewHeight <= 0) {
            scale.set(1);
            translateX.set(0);
            translateY.set(0);
            return;
        }
        javafx.geometry.Rectangle2D area = FitArea.best(viewWidth, viewHeight, obstacles, content.getWidth(),
                content.getHeight(), MARGIN);
        double s = clamp(Math.min(1.0, Math.min((area.getWidth() - 2 * MARGIN) / content.getWidth(),
                (area.getHeight() - 2 * MARGIN) / content.getHeight())));
        scale.set(s);
        translateX.set(area.getMinX() + (area.getWidth() - content.getWidth() * s) / 2 - content.getMinX() * s);
        translateY.set(area.getMinY() + (area.getHeight() - content.getHeight() * s) / 2 - content.getMinY() * s);
    }

    /** Centres the view on a world point at the current scale. */
    public void centreOn(double wx, double wy, double viewWidth, double viewHeight) {
        translateX.set(viewWidth / 2 - wx * scale.get());
        translateY.set(viewHeight / 2 - wy * scale.get());
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
}
