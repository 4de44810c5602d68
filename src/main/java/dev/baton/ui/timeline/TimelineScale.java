package dev.baton.ui.timeline;

/**
 * The timeline's geometry, free of any scene: which time is at which x (zoom and horizontal scroll), which lane is at
 * which y (lane height and vertical scroll), and the axis ticks. The view owns one and changes it on gestures.
 */
final class TimelineScale {

    static final double AXIS_HEIGHT = 18;
    static final double MIN_LANE = 16;
    static final double MAX_LANE = 28;
    static final double MIN_PX_PER_MS = 0.0005;
    static final double MAX_PX_PER_MS = 4;
    /** While the run is short the view fits it, but never below this scale (1 s = 60 px): then it scrolls. */
    static final double AUTO_MIN_PX_PER_MS = 0.06;
    /** Ticks are at least this far apart. */
    static final double MIN_TICK_PX = 72;

    double gutter = 120;
    double width;
    double height;
    double pxPerMs = 0.25;
    /** The time at the plot's left edge. */
    double scrollMs;
    /** How far the lanes are scrolled up, in pixels. */
    double scrollY;
    int lanes;

    double plotWidth() {
        return Math.max(1, width - gutter);
    }

    double visibleMs() {
        return plotWidth() / pxPerMs;
    }

    double xOf(double ms) {
        return gutter + (ms - scrollMs) * pxPerMs;
    }

    double msAt(double x) {
        return scrollMs + (x - gutter) / pxPerMs;
    }

    double laneHeight() {
        if (lanes == 0) {
            return MAX_LANE;
        }
        return Math.max(MIN_LANE, Math.min(MAX_LANE, (height - AXIS_HEIGHT) / lanes));
    }

    /** Pixels of lanes that do not fit: the vertical scroll range. */
    double overflowY() {
        return Math.max(0, lanes * laneHeight() - (height - AXIS_HEIGHT));
    }

    double laneTop(int lane) {
        return AXIS_HEIGHT + lane * laneHeight() - scrollY;
    }

    double laneCentre(int lane) {
        return laneTop(lane) + laneHeight() / 2;
    }

    /** The lane under {@code y}, or -1. */
    int laneAt(double y) {
        if (y < AXIS_HEIGHT) {
            return -1;
        }
        int i = (int) Math.floor((y - AXIS_HEIGHT + scrollY) / laneHeight());
        return i >= 0 && i < lanes ? i : -1;
    }

    /** Half the height of a bar: bars fill most of their lane, leaving room between lanes. */
    double barHalf() {
        return Math.max(5, laneHeight() * 0.36);
    }

    void scrollYTo(double y) {
        scrollY = Math.max(0, Math.min(overflowY(), y));
    }

    void scrollMsTo(double ms, double endMs) {
        scrollMs = Math.max(0, Math.min(ms, Math.max(0, endMs - visibleMs() * 0.9)));
    }

    /** Zooms by {@code factor} keeping the time under {@code x} where it is. */
    void zoomAround(double x, double factor) {
        double at = msAt(x);
        pxPerMs = clampScale(pxPerMs * factor);
        scrollMs = Math.max(0, at - (x - gutter) / pxPerMs);
    }

    /** Shows {@code 0 … endMs} across the plot. */
    void fit(double endMs) {
        pxPerMs = clampScale(plotWidth() * 0.97 / Math.max(1, endMs));
        scrollMs = 0;
    }

    /** Puts {@code nowMs} at the right edge (a little margin), scrolling only when it would leave the view. */
    void follow(double nowMs) {
        double right = nowMs + 0.04 * visibleMs();
        scrollMs = Math.max(0, right - visibleMs());
    }

    static double clampScale(double px) {
        return Math.max(MIN_PX_PER_MS, Math.min(MAX_PX_PER_MS, px));
    }

    /** The tick spacing in ms: 1, 2 or 5 times a power of ten, at least {@link #MIN_TICK_PX} apart. */
    long tickMs() {
        double min = MIN_TICK_PX / pxPerMs;
        long step = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (step * m >= min) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    /** "0", "250 ms", "1.5 s", "2:05" — as short as the tick spacing allows. */
    static String tickLabel(long ms, long tickMs) {
        if (ms == 0) {
            return "0";
        }
        if (tickMs < 1000 && ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return tickMs % 1000 == 0 ? ms / 1000 + " s" : trim(ms / 1000.0) + " s";
        }
        long s = ms / 1000;
        return s / 60 + ":" + String.format("%02d", s % 60);
    }

    private static String trim(double seconds) {
        String s = String.format(java.util.Locale.ROOT, "%.2f", seconds);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
