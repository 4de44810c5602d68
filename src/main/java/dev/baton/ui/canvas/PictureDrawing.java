package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.EdgeKind;
import dev.baton.ui.canvas.FlowRaster.Detail;
import dev.baton.ui.canvas.FlowRaster.Frame;
import dev.baton.ui.canvas.SpatialIndex.PlacedEdge;
import dev.baton.ui.canvas.SpatialIndex.PlacedNode;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.ZoomPan;
import javafx.geometry.Point2D;

import java.util.List;

/**
 * The pixels of one picture (background, grid, edges, cards; not the texts, which are scene nodes): everything it
 * reads is handed in and not changed while it draws (the view a copy, the elements queried beforehand, the styles
 * immutable records), so that it may run on a worker thread while the FX thread goes on with the next frames.
 */
final class PictureDrawing {

    private final RasterStyles styles;

    PictureDrawing(RasterStyles styles) {
        this.styles = styles;
    }

    /**
     * Draws {@code edges} (those {@code drawn} accepts) and {@code nodes} of frame {@code f} into {@code p}, already
     * sized to the frame; returns how many edges it drew.
     */
    int draw(PixelPainter p, Frame f, List<PlacedEdge> edges, List<PlacedNode> nodes,
             java.util.function.Predicate<PlacedEdge> drawn) {
        grid(p, f.view(), f.background());
        int pictured = 0;
        double[] route = new double[8]; // per picture: the FX thread and the worker may draw at the same time
        for (PlacedEdge e : edges) {
            if (drawn.test(e)) {
                edge(p, e, f, route);
                pictured++;
            }
        }
        for (PlacedNode n : nodes) {
            card(p, n, f);
        }
        return pictured;
    }

    /** The background and its grid. */
    private void grid(PixelPainter p, ZoomPan view, int background) {
        double s = view.scale().get();
        double step = NodeGeometry.GRID * s;
        while (step < 12) {
            step *= 5;
        }
        // screen coordinates as ZoomPan.toScreen computes them, without a Point2D (per line and card below too:
        // a picture of thousands of edges made as many objects on the worker)
        double startX = view.translateX().get() % step;
        double startY = view.translateY().get() % step;
        int colour = styles.grid();
        double alpha = styles.gridAlpha();
        // per picture: the FX thread and the worker may draw at the same time
        int[] columns = new int[(int) (p.width() / step) + 2];
        int count = 0;
        for (double x = startX < 0 ? startX + step : startX; x < p.width(); x += step) {
            columns[count++] = (int) Math.floor(x);
        }
        p.fillWithColumns(background, columns, count, colour, alpha);
        for (double y = startY < 0 ? startY + step : startY; y < p.height(); y += step) {
            p.rowLine((int) Math.floor(y), colour, alpha);
        }
    }

    static RasterStyles.State state(String id, Frame f) {
        if (f.invalid().contains(id)) {
            return RasterStyles.State.INVALID;
        }
        return f.selection().contains(id) ? RasterStyles.State.SELECTED : RasterStyles.State.PLAIN;
    }

    private void edge(PixelPainter p, PlacedEdge placed, Frame f, double[] r) {
        EdgeKind kind = placed.edge().kind();
        RasterStyles.Line style = styles.line(kind, state(placed.edge().id(), f));
        EdgeRouting.route(kind, placed.from(), placed.to(), r);
        ZoomPan view = f.view();
        double s = view.scale().get();
        double tx = view.translateX().get();
        double ty = view.translateY().get();
        double ax = tx + r[0] * s;
        double ay = ty + r[1] * s;
        double bx = tx + r[4] * s;
        double by = ty + r[5] * s;
        double width = Math.max(0.8, style.width() * s);
        double[] dash = style.dash() == null || (style.dash()[0] + style.dash()[1]) * s < 4 ? null
                : new double[] {style.dash()[0] * s, style.dash()[1] * s};
        // a dash pattern too fine to see reads as a lighter line
        double alpha = style.alpha() * (style.dash() != null && dash == null ? 0.6 : 1);
        if (f.detail() == Detail.OVERVIEW) {
            p.line(ax, ay, bx, by, width, style.colour(), alpha * 0.8, dash, 0);
            return;
        }
        double dist = EdgeRouting.controlDistance(r) * s;
        double c1x = ax + r[2] * dist;
        double c1y = ay + r[3] * dist;
        double c2x = bx + r[6] * dist;
        double c2y = by + r[7] * dist;
        double approx = distance(ax, ay, c1x, c1y) + Math.hypot(c2x - c1x, c2y - c1y) + distance(bx, by, c2x, c2y);
        int segments = (int) Math.max(2, Math.min(32, approx / 12));
        double px = ax;
        double py = ay;
        double phase = 0;
        for (int i = 1; i <= segments; i++) {
            double t = (double) i / segments;
            double u = 1 - t;
            double x = u * u * u * ax + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * bx;
            double y = u * u * u * ay + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * by;
            phase = p.line(px, py, x, y, width, style.colour(), alpha, dash, phase);
            px = x;
            py = y;
        }
        // the arrowhead at b, pointing along the arrival direction, as EdgeSkin draws it
        double dx = r[6] * -1;
        double dy = r[7] * -1;
        double magnitude = Math.sqrt(dx * dx + dy * dy);
        dx = magnitude == 0 ? 0 : dx / magnitude;
        dy = magnitude == 0 ? 0 : dy / magnitude;
        double sideX = -dy * 5.5 * s;
        double sideY = dx * 5.5 * s;
        double baseX = bx - dx * 11 * s;
        double baseY = by - dy * 11 * s;
        p.fillTriangle(bx, by, baseX + sideX, baseY + sideY, baseX - sideX, baseY - sideY, style.colour(),
                style.alpha());
    }

    /** As {@link Point2D#distance(double, double)} computes it. */
    private static double distance(double x0, double y0, double x1, double y1) {
        double a = x0 - x1;
        double b = y0 - y1;
        return Math.sqrt(a * a + b * b);
    }

    private void card(PixelPainter p, PlacedNode placed, Frame f) {
        AgentNode node = placed.node();
        RasterStyles.Card plain = styles.card(node.kind(), RasterStyles.State.PLAIN);
        RasterStyles.Card look = styles.card(node.kind(), state(node.id(), f));
        double s = f.view().scale().get();
        double x = f.view().translateX().get() + placed.at().x() * s;
        double y = f.view().translateY().get() + placed.at().y() * s;
        double w = NodeGeometry.WIDTH * s;
        double h = NodeGeometry.HEIGHT * s;
        double r = look.radius() * s;
        if (f.detail() == Detail.OVERVIEW) {
            // a block in the kind's colour; a selected or invalid one gets a frame in that state's colour
            if (look == plain) {
                p.fillRoundRect(x, y, w, h, r, plain.accent(), 1);
            } else {
                double frame = Math.max(1.5, 2 * s);
                p.fillRoundRect(x - frame, y - frame, w + 2 * frame, h + 2 * frame, r + frame, look.border(), 1);
                p.fillRoundRect(x, y, w, h, r, plain.accent(), 1);
            }
            return;
        }
        double accent = look.accentWidth() * s;
        double border = look.borderWidth() * s;
        p.fillRoundRect(x, y, w, h, r, look.accent(), 1);
        p.fillRoundRect(x + accent, y, w - accent, h, r, look.border(), 1);
        p.fillRoundRect(x + accent, y + border, w - accent - border, h - 2 * border, Math.max(0, r - border),
                look.background(), 1);
    }
}
