package dev.baton.ui.canvas;

import javafx.geometry.Bounds;

import java.util.Collection;
import java.util.List;

/**
 * Picks where a run decoration (a status badge, a judge's callout) goes: the first candidate place that covers
 * nothing that must stay readable (edge labels, other cards), else the one covering the least. Plain arithmetic on
 * world-coordinate rectangles, so it needs no scene.
 */
final class FreeSpot {

    private FreeSpot() {
    }

    /** The index of the chosen candidate in {@code candidates} (which must not be empty). */
    static int choose(List<Bounds> candidates, Collection<Bounds> obstacles) {
        int best = 0;
        double bestCovered = Double.MAX_VALUE;
        for (int i = 0; i < candidates.size(); i++) {
            double covered = covered(candidates.get(i), obstacles);
            if (covered == 0) {
                return i;
            }
            if (covered < bestCovered) {
                bestCovered = covered;
                best = i;
            }
        }
        return best;
    }

    /** The area of {@code place} that overlaps the obstacles (overlaps among obstacles count twice: fine here). */
    static double covered(Bounds place, Collection<Bounds> obstacles) {
        double sum = 0;
        for (Bounds o : obstacles) {
            double w = Math.min(place.getMaxX(), o.getMaxX()) - Math.max(place.getMinX(), o.getMinX());
            double h = Math.min(place.getMaxY(), o.getMaxY()) - Math.max(place.getMinY(), o.getMinY());
            if (w > 0 && h > 0) {
                sum += w * h;
            }
        }
        return sum;
    }
}
