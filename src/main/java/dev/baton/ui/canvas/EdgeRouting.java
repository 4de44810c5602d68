package dev.baton.ui.canvas;

import dev.baton.flow.EdgeKind;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.skins.EdgeSkin;
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

    /** The ends of an edge's curve and the directions it leaves {@code a} and arrives at {@code b}. */
    record Route(Point2D a, Point2D da, Point2D b, Point2D db) {
    }

    static void route(EdgeSkin view, EdgeKind kind, Position from, Position to) {
        Route r = of(kind, from, to);
        view.route(r.a(), r.da(), r.b(), r.db());
    }

    static Route of(EdgeKind kind, Position from, Position to) {
        return switch (kind) {
            case NEXT -> new Route(new Point2D(from.x() + NodeGeometry.WIDTH, from.y() + NodeGeometry.HEIGHT / 2),
                    new Point2D(1, 0), new Point2D(to.x(), to.y() + NodeGeometry.HEIGHT / 2), new Point2D(-1, 0));
            case DELEGATES -> new Route(new Point2D(from.x() + NodeGeometry.WIDTH / 2,
                    from.y() + NodeGeometry.HEIGHT), new Point2D(0, 1),
                    new Point2D(to.x() + NodeGeometry.WIDTH / 2, to.y()), new Point2D(0, -1));
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
                yield new Route(a, rotate(dir, -BEND), b, rotate(dir.multiply(-1), BEND));
            }
        };
    }

    /**
     * The route of {@link #of} as eight numbers in {@code out}: a's x and y, da's, b's, db's. Chains and delegations
     * make no object (a picture routes thousands of them); the other kinds go through {@link #of}.
     */
    static void route(EdgeKind kind, Position from, Position to, double[] out) {
        switch (kind) {
            case NEXT -> set(out, from.x() + NodeGeometry.WIDTH, from.y() + NodeGeometry.HEIGHT / 2, 1, 0, to.x(),
                    to.y() + NodeGeometry.HEIGHT / 2, -1, 0);
            case DELEGATES -> set(out, from.x() + NodeGeometry.WIDTH / 2, from.y() + NodeGeometry.HEIGHT, 0, 1,
                    to.x() + NodeGeometry.WIDTH / 2, to.y(), 0, -1);
            default -> {
                Route r = of(kind, from, to);
                set(out, r.a().getX(), r.a().getY(), r.da().getX(), r.da().getY(), r.b().getX(), r.b().getY(),
                        r.db().getX(), r.db().getY());
            }
        }
    }

    private static void set(double[] out, double ax, double ay, double dax, double day, double bx, double by,
                            double dbx, double dby) {
        out[0] = ax;
        out[1] = ay;
        out[2] = dax;
        out[3] = day;
        out[4] = bx;
        out[5] = by;
        out[6] = dbx;
        out[7] = dby;
    }

    /** The curve's control distance, as {@link EdgeSkin#route} computes it. */
    static double controlDistance(Route r) {
        return Math.max(40, r.a().distance(r.b()) * 0.4);
    }

    /** {@link #controlDistance(Route)} of a route given as {@link #route} gives it. */
    static double controlDistance(double[] route) {
        double a = route[0] - route[4];
        double b = route[1] - route[5];
        return Math.max(40, Math.sqrt(a * a + b * b) * 0.4);
    }

    private static Point2D centre(Position p) {
        return new Point2D(p.x() + NodeGeometry.WIDTH / 2, p.y() + NodeGeometry.HEIGHT / 2);
    }

    private static Point2D rotate(Point2D v, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Point2D(v.getX() * c - v.getY() * s, v.getX() * s + v.getY() * c);
    }

    /** The distance from a point to an edge's curve, measured along 24 chords of it (as the picture draws it). */
    static double distance(Route r, Point2D p) {
        double d = EdgeRouting.controlDistance(r);
        Point2D a = r.a();
        Point2D b = r.b();
        Point2D c1 = a.add(r.da().multiply(d));
        Point2D c2 = b.add(r.db().multiply(d));
        double best = Double.MAX_VALUE;
        Point2D last = a;
        for (int i = 1; i <= 24; i++) {
            double t = i / 24.0;
            double u = 1 - t;
            Point2D next = a.multiply(u * u * u).add(c1.multiply(3 * u * u * t)).add(c2.multiply(3 * u * t * t))
                    .add(b.multiply(t * t * t));
            best = Math.min(best, segmentDistance(last, next, p));
            last = next;
        }
        return best;
    }

    private static double segmentDistance(Point2D a, Point2D b, Point2D p) {
        Point2D ab = b.subtract(a);
        double len2 = ab.dotProduct(ab);
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, p.subtract(a).dotProduct(ab) / len2));
        return p.distance(a.add(ab.multiply(t)));
    }
}
