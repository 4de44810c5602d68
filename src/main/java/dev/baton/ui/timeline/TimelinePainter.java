package dev.baton.ui.timeline;

import dev.baton.ui.run.EdgeSignal;
import dev.baton.ui.run.RunTimeline;
import dev.baton.ui.run.TimelineArrow;
import dev.baton.ui.run.TimelineBar;
import dev.baton.ui.run.ToolCallRecord;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Draws a {@link RunTimeline} on a canvas: striped lanes with names in a fixed left gutter, an axis with ticks on top,
 * bars for model calls (open ones up to now), and arrows between lanes. Only what is in view is drawn, so a long run
 * costs one pass over its bars and nothing more.
 */
final class TimelinePainter {

    /** The paints the view takes from CSS, one per part of the drawing. */
    enum Ink {
        BACKGROUND, STRIPE, GRID, AXIS_TEXT, LABEL_TEXT, GUTTER, BAR, BAR_OPEN, BAR_FAILED, BAR_TEXT,
        HANDOFF, DELEGATION, RETURN, REJECTION, NOW, TOOL, TOOL_FAILED, TOOL_DENIED;

        /** The CSS property, e.g. {@code -baton-timeline-bar-open}. */
        String cssProperty() {
            return "-baton-timeline-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Text measure = new Text();
    private final Map<String, String> fitted = new HashMap<>();
    private double fittedFor = -1;

    /** @param liveNowMs where open bars end (the latest event's time, extrapolated while a call is under way) */
    void paint(GraphicsContext g, TimelineScale s, RunTimeline t, double liveNowMs, boolean running,
               Function<Ink, Paint> ink, Font font) {
        List<String> lanes = t.lanes();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            index.put(lanes.get(i), i);
        }
        g.setFill(ink.apply(Ink.BACKGROUND));
        g.fillRect(0, 0, s.width, s.height);
        g.setFont(font);
        double lh = s.laneHeight();
        for (int i = 1; i < lanes.size(); i += 2) {
            g.setFill(ink.apply(Ink.STRIPE));
            g.fillRect(0, s.laneTop(i), s.width, lh);
        }
        ticks(g, s, ink, false);
        bars(g, s, t, index, liveNowMs, ink);
        toolBars(g, s, t, index, liveNowMs, ink);
        arrows(g, s, t, index, ink);
        if (running) {
            double x = s.xOf(liveNowMs);
            if (x >= s.gutter && x <= s.width) {
                g.setStroke(ink.apply(Ink.NOW));
                g.setLineWidth(1);
                g.strokeLine(snap(x), TimelineScale.AXIS_HEIGHT, snap(x), s.height);
            }
        }
        gutter(g, s, t, ink, font);
        ticks(g, s, ink, true);
    }

    private static void ticks(GraphicsContext g, TimelineScale s, Function<Ink, Paint> ink, boolean labels) {
        long step = s.tickMs();
        long first = (long) Math.floor(s.msAt(s.gutter) / step) * step;
        if (labels) {
            g.setFill(ink.apply(Ink.BACKGROUND));
            g.fillRect(s.gutter, 0, s.width - s.gutter, TimelineScale.AXIS_HEIGHT);
            g.setStroke(ink.apply(Ink.GRID));
            g.strokeLine(s.gutter, snap(TimelineScale.AXIS_HEIGHT), s.width, snap(TimelineScale.AXIS_HEIGHT));
            g.setFill(ink.apply(Ink.AXIS_TEXT));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
        } else {
            g.setStroke(ink.apply(Ink.GRID));
            g.setLineWidth(1);
        }
        for (long ms = Math.max(0, first); s.xOf(ms) <= s.width; ms += step) {
            double x = snap(s.xOf(ms));
            if (x < s.gutter) {
                continue;
            }
            if (labels) {
                g.strokeLine(x, TimelineScale.AXIS_HEIGHT - 5, x, TimelineScale.AXIS_HEIGHT);
                g.fillText(TimelineScale.tickLabel(ms, step), x + 3, TimelineScale.AXIS_HEIGHT / 2);
            } else {
                g.strokeLine(x, TimelineScale.AXIS_HEIGHT, x, s.height);
            }
        }
    }

    private static void bars(GraphicsContext g, TimelineScale s, RunTimeline t, Map<String, Integer> index,
                             double liveNowMs, Function<Ink, Paint> ink) {
        double from = s.msAt(s.gutter);
        double to = s.msAt(s.width);
        double half = s.barHalf();
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (TimelineBar b : t.bars()) {
            double end = b.open() ? Math.max(b.startMs(), liveNowMs) : b.endMs();
            Integer lane = index.get(b.lane());
            if (lane == null || end < from || b.startMs() > to) {
                continue;
            }
            double y = s.laneCentre(lane);
            if (y + half < TimelineScale.AXIS_HEIGHT || y - half > s.height) {
                continue;
            }
            double x0 = Math.max(s.gutter - 4, s.xOf(b.startMs()));
            double x1 = Math.min(s.width + 4, s.xOf(end));
            double w = Math.max(2, x1 - x0);
            g.setFill(ink.apply(b.failed() ? Ink.BAR_FAILED : b.open() ? Ink.BAR_OPEN : Ink.BAR));
            g.fillRoundRect(x0, y - half, w, 2 * half, 5, 5);
            if (w > 52 && !b.open() && b.tokens() > 0) {
                g.setFill(ink.apply(Ink.BAR_TEXT));
                g.fillText(b.tokens() + " tok", x0 + w / 2, y, w - 6);
            }
        }
    }

    /** A tool bar's half height against a model call's: thinner, so the two kinds read apart besides the colour. */
    static final double TOOL_BAR_SCALE = 0.55;
    /** Narrowest tool bar in pixels: most calls take a few milliseconds and must still be seen and hovered. */
    static final double TOOL_BAR_MIN_WIDTH = 4;

    /** Where a tool call is drawn: {x0, y0, w, h}, or null when it is out of view or its lane unknown. */
    static double[] toolGeometry(TimelineScale s, Map<String, Integer> index, ToolCallRecord r, double liveNowMs,
                                 int slot) {
        Integer lane = index.get(r.nodeId());
        if (lane == null) {
            return null;
        }
        double end = r.open() ? Math.max(r.startMs(), liveNowMs) : r.endMs();
        double x0 = s.xOf(r.startMs());
        double w = Math.max(TOOL_BAR_MIN_WIDTH, s.xOf(end) - x0);
        double half = s.barHalf() * TOOL_BAR_SCALE;
        // parallel calls: the second below the first, the third above, each still inside the lane's bar band
        double shift = switch (slot) {
            case 0 -> 0;
            case 1 -> s.barHalf() * (1 - TOOL_BAR_SCALE);
            default -> -s.barHalf() * (1 - TOOL_BAR_SCALE);
        };
        return new double[] {x0, s.laneCentre(lane) - half + shift, w, 2 * half};
    }

    private static void toolBars(GraphicsContext g, TimelineScale s, RunTimeline t, Map<String, Integer> index,
                                 double liveNowMs, Function<Ink, Paint> ink) {
        for (ToolCallRecord r : t.toolBars()) {
            double[] p = toolGeometry(s, index, r, liveNowMs, t.toolSlot(r));
            if (p == null || p[0] + p[2] < s.gutter || p[0] > s.width || p[1] + p[3] < TimelineScale.AXIS_HEIGHT
                    || p[1] > s.height) {
                continue;
            }
            g.setFill(ink.apply(switch (r.status()) {
                case ERROR -> Ink.TOOL_FAILED;
                case DENIED -> Ink.TOOL_DENIED;
                default -> Ink.TOOL;
            }));
            double x0 = Math.max(s.gutter, p[0]);
            g.fillRoundRect(x0, p[1], Math.max(2, p[0] + p[2] - x0), p[3], 3, 3);
            // an edge in the background's colour keeps overlapping parallel calls apart
            g.setStroke(ink.apply(Ink.BACKGROUND));
            g.setLineWidth(1);
            g.strokeRoundRect(x0, p[1], Math.max(2, p[0] + p[2] - x0), p[3], 3, 3);
        }
    }

    private static void arrows(GraphicsContext g, TimelineScale s, RunTimeline t, Map<String, Integer> index,
                               Function<Ink, Paint> ink) {
        g.setLineCap(StrokeLineCap.ROUND);
        List<TimelineArrow> all = t.arrows();
        double[][] placed = layout(s, index, all);
        for (int i = 0; i < all.size(); i++) {
            TimelineArrow a = all.get(i);
            double[] p = placed[i];
            if (p == null || p[0] < s.gutter - 8 || p[0] > s.width + 8) {
                continue;
            }
            boolean reject = a.kind() == EdgeSignal.Kind.REJECTION;
            Paint paint = ink.apply(switch (a.kind()) {
                case HANDOFF -> Ink.HANDOFF;
                case RETURN -> Ink.RETURN;
                case REJECTION -> Ink.REJECTION;
                default -> Ink.DELEGATION;
            });
            g.setStroke(paint);
            g.setFill(paint);
            g.setLineWidth(reject || a.kind() == EdgeSignal.Kind.HANDOFF ? 2 : 1.4);
            g.setLineDashes(a.kind() == EdgeSignal.Kind.RETURN ? new double[] {4, 3} : null);
            g.strokeLine(p[0], p[1], p[2], p[3]);
            g.setLineDashes(null);
            double dir = Math.signum(p[3] - p[1]);
            double tip = p[3];
            g.fillPolygon(new double[] {p[2] - 4, p[2] + 4, p[2]}, new double[] {tip - 6 * dir, tip - 6 * dir, tip},
                    3);
        }
    }

    /**
     * Where an arrow is drawn: {x0, y0, x1, y1}, from the sender's lane centre to the edge of the receiver's bar;
     * null when a lane is unknown or it connects a lane to itself.
     */
    /** Side by side: arrows this close in x whose spans overlap are moved apart by {@link #ARROW_NUDGE}. */
    private static final double ARROW_CLOSE = 2;
    static final double ARROW_NUDGE = 5;
    /** How many earlier arrows at most a new one is checked against (arrows come in time order). */
    private static final int ARROW_LOOKBACK = 64;
    /**
     * At most this many places side by side: zoomed far out, many arrows of different moments fall within a pixel or
     * two, and moving them further would misplace them in time; the rest share the last place.
     */
    static final int ARROW_SLOTS = 4;

    /**
     * Where each arrow is drawn ({@link #geometry}, null when not drawn), with arrows that would fall on one another
     * (several workers returning to their supervisor at one moment, a delegation fanning out) moved apart sideways,
     * into the first free place {@link #ARROW_NUDGE} apart (at most {@link #ARROW_SLOTS}). Painting and hit testing
     * both use it.
     */
    static double[][] layout(TimelineScale s, Map<String, Integer> index, List<TimelineArrow> arrows) {
        int n = arrows.size();
        double[][] placed = new double[n][];
        double[] baseX = new double[n];
        int[] slot = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = geometry(s, index, arrows.get(i));
            if (p == null) {
                continue;
            }
            baseX[i] = p[0];
            double top = Math.min(p[1], p[3]);
            double bottom = Math.max(p[1], p[3]);
            boolean[] taken = new boolean[ARROW_SLOTS];
            for (int j = i - 1; j >= Math.max(0, i - ARROW_LOOKBACK); j--) {
                double[] q = placed[j];
                if (q != null && baseX[j] < p[0] - ARROW_CLOSE) {
                    break; // arrows come in time order: the rest are further left (a late one is only not moved)
                }
                if (q != null && Math.abs(baseX[j] - p[0]) <= ARROW_CLOSE && Math.min(q[1], q[3]) <= bottom
                        && Math.max(q[1], q[3]) >= top) {
                    taken[slot[j]] = true;
                }
            }
            int k = 0;
            while (k < ARROW_SLOTS - 1 && taken[k]) {
                k++;
            }
            slot[i] = k;
            p[0] += k * ARROW_NUDGE;
            p[2] = p[0];
            placed[i] = p;
        }
        return placed;
    }

    static double[] geometry(TimelineScale s, Map<String, Integer> index, TimelineArrow a) {
        Integer from = index.get(a.fromLane());
        Integer to = index.get(a.toLane());
        if (from == null || to == null || from.equals(to)) {
            return null;
        }
        double x = s.xOf(a.atMs());
        double y0 = s.laneCentre(from);
        double y1 = s.laneCentre(to) - Math.signum(to - from) * s.barHalf();
        return new double[] {x, y0, x, y1};
    }

    private void gutter(GraphicsContext g, TimelineScale s, RunTimeline t, Function<Ink, Paint> ink, Font font) {
        g.setFill(ink.apply(Ink.GUTTER));
        g.fillRect(0, 0, s.gutter, s.height);
        g.setStroke(ink.apply(Ink.GRID));
        g.strokeLine(snap(s.gutter), 0, snap(s.gutter), s.height);
        g.setFill(ink.apply(Ink.LABEL_TEXT));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        List<String> lanes = t.lanes();
        for (int i = 0; i < lanes.size(); i++) {
            double y = s.laneCentre(i);
            if (y < TimelineScale.AXIS_HEIGHT || y > s.height) {
                continue;
            }
            g.fillText(fit(t.label(lanes.get(i)), s.gutter - 14, font), 8, y);
        }
        g.setFill(ink.apply(Ink.GUTTER));
        g.fillRect(0, 0, s.gutter, TimelineScale.AXIS_HEIGHT);
    }

    /** The label cut with an ellipsis to {@code width} pixels; remembered, since lanes are few and drawn often. */
    private String fit(String label, double width, Font font) {
        if (width != fittedFor) {
            fitted.clear();
            fittedFor = width;
        }
        return fitted.computeIfAbsent(label, l -> {
            measure.setFont(font);
            String s = l;
            measure.setText(s);
            while (s.length() > 1 && measure.getLayoutBounds().getWidth() > width) {
                s = s.substring(0, s.length() - 1);
                measure.setText(s + "…");
            }
            return s.equals(l) ? l : s + "…";
        });
    }

    /** Widest label in pixels, for sizing the gutter. */
    double labelWidth(String label, Font font) {
        measure.setFont(font);
        measure.setText(label);
        return measure.getLayoutBounds().getWidth();
    }

    private static double snap(double v) {
        return Math.floor(v) + 0.5;
    }
}
