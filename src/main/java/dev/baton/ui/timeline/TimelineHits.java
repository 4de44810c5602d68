package dev.baton.ui.timeline;

import dev.baton.ui.run.RunTimeline;
import dev.baton.ui.run.TimelineArrow;
import dev.baton.ui.run.TimelineBar;
import dev.baton.ui.run.ToolCallRecord;
import javafx.geometry.Point2D;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where things are on the timeline's canvas as last laid out by its {@link TimelineScale}: what lies under a point
 * (for hover, click and the tests) and where a bar, tool call or arrow is drawn.
 */
final class TimelineHits {

    private TimelineHits() {
    }

    /** The bar, the arrow, or the lane id (in the names' gutter) at a point of the canvas; null for none. */
    static Object at(TimelineScale scale, RunTimeline t, double liveNow, double x, double y) {
        int lane = scale.laneAt(y);
        if (x < scale.gutter) {
            return lane < 0 ? null : t.lanes().get(lane);
        }
        Map<String, Integer> index = laneIndex(t);
        List<TimelineArrow> arrows = t.arrows();
        double[][] placed = TimelinePainter.layout(scale, index, arrows);
        for (int i = arrows.size() - 1; i >= 0; i--) {
            double[] p = placed[i];
            if (p != null && Math.abs(x - p[0]) <= 4 && y >= Math.min(p[1], p[3]) - 2
                    && y <= Math.max(p[1], p[3]) + 2) {
                return arrows.get(i);
            }
        }
        List<ToolCallRecord> tools = t.toolBars();
        ToolCallRecord nearest = null;
        double nearestDy = Double.MAX_VALUE;
        for (int i = tools.size() - 1; i >= 0; i--) {
            double[] p = TimelinePainter.toolGeometry(scale, index, tools.get(i), liveNow,
                    t.toolSlot(tools.get(i)));
            if (p != null && x >= p[0] - 1 && x <= p[0] + p[2] + 1 && y >= p[1] - 1 && y <= p[1] + p[3] + 1) {
                // parallel calls overlap a little: the one whose middle is closest to the pointer
                double dy = Math.abs(y - (p[1] + p[3] / 2));
                if (dy < nearestDy) {
                    nearest = tools.get(i);
                    nearestDy = dy;
                }
            }
        }
        if (nearest != null) {
            return nearest;
        }
        if (lane < 0 || Math.abs(y - scale.laneCentre(lane)) > scale.barHalf() + 1) {
            return null;
        }
        String id = t.lanes().get(lane);
        List<TimelineBar> bars = t.bars();
        for (int i = bars.size() - 1; i >= 0; i--) {
            TimelineBar b = bars.get(i);
            double end = b.open() ? Math.max(b.startMs(), liveNow) : b.endMs();
            if (b.lane().equals(id) && x >= scale.xOf(b.startMs()) - 2 && x <= Math.max(scale.xOf(end),
                    scale.xOf(b.startMs()) + 2) + 2) {
                return b;
            }
        }
        return null;
    }

    /** Where a tool call is drawn (its centre, in canvas coordinates); null when its lane is unknown. */
    static Point2D centreOf(TimelineScale scale, RunTimeline t, double liveNow, ToolCallRecord r) {
        double[] p = TimelinePainter.toolGeometry(scale, laneIndex(t), r, liveNow,
                t.toolSlot(r));
        return p == null ? null : new Point2D(p[0] + p[2] / 2, p[1] + p[3] / 2);
    }

    /** Where a bar is drawn (its centre, in canvas coordinates). */
    static Point2D centreOf(TimelineScale scale, RunTimeline t, double liveNow, TimelineBar b) {
        int lane = t.lanes().indexOf(b.lane());
        double end = b.open() ? Math.max(b.startMs(), liveNow) : b.endMs();
        return new Point2D((Math.max(scale.gutter, scale.xOf(b.startMs())) + Math.min(scale.width, scale.xOf(end)))
                / 2, scale.laneCentre(lane));
    }

    /** The middle of an arrow's line, in canvas coordinates; null when it is not drawn. */
    static Point2D middleOf(TimelineScale scale, RunTimeline t, TimelineArrow a) {
        List<TimelineArrow> arrows = t.arrows();
        int i = arrows.indexOf(a);
        double[] p = i < 0 ? null : TimelinePainter.layout(scale, laneIndex(t), arrows)[i];
        return p == null ? null : new Point2D(p[0], (p[1] + p[3]) / 2);
    }

    static Map<String, Integer> laneIndex(RunTimeline t) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < t.lanes().size(); i++) {
            index.put(t.lanes().get(i), i);
        }
        return index;
    }
}
