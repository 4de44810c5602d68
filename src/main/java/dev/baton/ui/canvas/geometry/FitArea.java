package dev.baton.ui.canvas.geometry;

import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;

import java.util.List;

/**
 * Where zoom-to-fit may put the flow: the part of the view beside or above/below the overlays (the minimap, the
 * simulated-model banner) that shows the flow largest, so that no card lands under an overlay.
 */
public final class FitArea {

    /** Space kept between the flow's margin and an overlay. */
    static final double GAP = 8;

    private FitArea() {
    }

    /**
     * The best free rectangle of a {@code width} × {@code height} view for content of {@code contentWidth} ×
     * {@code contentHeight} (world units) with {@code margin} pixels around it; the whole view when nothing is in
     * the way or nothing better fits.
     */
    public static Rectangle2D best(double width, double height, List<Bounds> obstacles, double contentWidth,
                                   double contentHeight, double margin) {
        Rectangle2D whole = new Rectangle2D(0, 0, width, height);
        Rectangle2D best = search(whole, obstacles, 0, contentWidth, contentHeight, margin);
        return best == null ? whole : best;
    }

    private static Rectangle2D search(Rectangle2D area, List<Bounds> obstacles, int i, double cw, double ch,
                                      double margin) {
        if (i == obstacles.size()) {
            return scale(area, cw, ch, margin) > 0 ? area : null;
        }
        Bounds o = obstacles.get(i);
        if (!area.intersects(o.getMinX(), o.getMinY(), o.getWidth(), o.getHeight())) {
            return search(area, obstacles, i + 1, cw, ch, margin);
        }
        Rectangle2D best = null;
        for (Rectangle2D side : sides(area, o, margin)) {
            Rectangle2D found = side == null ? null : search(side, obstacles, i + 1, cw, ch, margin);
            if (found != null && (best == null || better(found, best, cw, ch, margin))) {
                best = found;
            }
        }
        return best;
    }

    /**
     * The parts of {@code area} above, below, left and right of the obstacle (null when empty). Each reaches under
     * the obstacle's edge by the fit's margin, so that the flow keeps {@link #GAP} from the obstacle, not the whole
     * margin as well.
     */
    private static Rectangle2D[] sides(Rectangle2D a, Bounds o, double margin) {
        double reach = margin - GAP;
        return new Rectangle2D[] {
            rect(a.getMinX(), a.getMinY(), a.getMaxX(), Math.min(a.getMaxY(), o.getMinY() + reach)),
            rect(a.getMinX(), Math.max(a.getMinY(), o.getMaxY() - reach), a.getMaxX(), a.getMaxY()),
            rect(a.getMinX(), a.getMinY(), Math.min(a.getMaxX(), o.getMinX() + reach), a.getMaxY()),
            rect(Math.max(a.getMinX(), o.getMaxX() - reach), a.getMinY(), a.getMaxX(), a.getMaxY())
        };
    }

    private static Rectangle2D rect(double x0, double y0, double x1, double y1) {
        return x1 > x0 && y1 > y0 ? new Rectangle2D(x0, y0, x1 - x0, y1 - y0) : null;
    }

    /** A larger fit wins; at the same fit (both at 100 %) the roomier area, where the flow sits more centrally. */
    private static boolean better(Rectangle2D a, Rectangle2D b, double cw, double ch, double margin) {
        double sa = scale(a, cw, ch, margin);
        double sb = scale(b, cw, ch, margin);
        if (Math.abs(sa - sb) > 1e-9) {
            return sa > sb;
        }
        return a.getWidth() * a.getHeight() > b.getWidth() * b.getHeight();
    }

    static double scale(Rectangle2D area, double cw, double ch, double margin) {
        double w = area.getWidth() - 2 * margin;
        double h = area.getHeight() - 2 * margin;
        if (w <= 0 || h <= 0) {
            return 0;
        }
        return Math.min(1.0, Math.min(w / Math.max(1, cw), h / Math.max(1, ch)));
    }
}
