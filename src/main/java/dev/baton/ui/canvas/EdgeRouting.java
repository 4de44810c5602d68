package dev.baton.ui.canvas;

import dev.baton.flow.EdgeKind;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.skins.EdgeView;
import javafx.geometry.Point2D;

/**
 * Where an edge leaves and enters its cards. Chains run left to right (right side → left side), delegation top to
 * bottom (bottom → top); handoffs and reviews go centre to centre, bent to one side so that a handoff and its way back
 * form two separate arcs.
 */
final class EdgeRouting {

    private static final double BEND = Math.toRadians(22);

    private EdgeRouting() {
    }

    static void route(EdgeView view, EdgeKind kind, Position from, Position to) {
        switch (kind) {
            case NEXT -> view.route(new Point2D(from.x() + NodeGeometry.WIDTH, from.y() + NodeGeometry.HEIGHT / 2),
                    new Point2D(1, 0), new Point2D(to.x(), to.y() + NodeGeometry.HEIGHT / 2), new Point2D(-1, 0));
            case DELEGATES -> view.route(new Point2D(from.x() + NodeGeometry.WIDTH / 2, from.y() + NodeGeometry.HEIGHT),
                    new Point2D(0, 1), new Point2D(to.x() + NodeGeometry.WIDTH / 2, to.y()), new Point2D(0, -1));
            default -> {
                Point2D ca = centre(from);
                Point2D cb = centre(to);
                Point2D a = NodeGeometry.borderPoint(from.x(), from.y(), cb);
                Point2D b = NodeGeometry.borderPoint(to.x(), to.y(), ca);
                Point2D dir = b.subtract(a);
                if (dir.magnitude() == 0) {
                    dir = new Point2D(1, 0);
                }
                dir = dir.normalize();
                view.route(a, rotate(dir, -BEND), b, rotate(dir.multiply(-1), BEND));
            }
        }
    }

    private static Point2D centre(Position p) {
        return new Point2D(p.x() + NodeGeometry.WIDTH / 2, p.y() + NodeGeometry.HEIGHT / 2);
    }

    private static Point2D rotate(Point2D v, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Point2D(v.getX() * c - v.getY() * s, v.getX() * s + v.getY() * c);
    }
}
