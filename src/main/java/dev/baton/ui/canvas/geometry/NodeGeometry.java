package dev.baton.ui.canvas.geometry;

import dev.baton.flow.EdgeKind;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;

/**
 * Node cards have one fixed size, so that layout, culling, hit-testing and edge anchors are arithmetic on the model
 * (no CSS pass needed to know where a node is). A node's position is its card's top-left corner in canvas units.
 */
public final class NodeGeometry {

    public static final double WIDTH = 172;
    public static final double HEIGHT = 76;
    public static final double GRID = 20;

    private NodeGeometry() {
    }

    public static Bounds bounds(double x, double y) {
        return new BoundingBox(x, y, WIDTH, HEIGHT);
    }

    /** Where a port of this edge kind sits, relative to the card's top-left corner. */
    public static Point2D portOffset(EdgeKind kind) {
        return switch (kind) {
            case NEXT, ROUTE -> new Point2D(WIDTH, HEIGHT / 2);
            case DELEGATES -> new Point2D(WIDTH / 2, HEIGHT);
            case HANDOFF -> new Point2D(WIDTH - 28, 0);
            case REVIEWS -> new Point2D(WIDTH / 2, HEIGHT);
        };
    }

    /** The point on the card's border on the way from its centre towards {@code toward}. */
    public static Point2D borderPoint(double x, double y, Point2D toward) {
        double cx = x + WIDTH / 2;
        double cy = y + HEIGHT / 2;
        double dx = toward.getX() - cx;
        double dy = toward.getY() - cy;
        if (dx == 0 && dy == 0) {
            return new Point2D(cx, cy);
        }
        double sx = dx == 0 ? Double.MAX_VALUE : (WIDTH / 2) / Math.abs(dx);
        double sy = dy == 0 ? Double.MAX_VALUE : (HEIGHT / 2) / Math.abs(dy);
        double s = Math.min(sx, sy);
        return new Point2D(cx + dx * s, cy + dy * s);
    }

    public static double snap(double v) {
        return Math.round(v / GRID) * GRID;
    }
}
