package dev.baton.ui.canvas;

import java.util.Arrays;

/**
 * A tiny anti-aliased rasteriser over an opaque ARGB pixel array: rounded rectangles, lines with width and dashes,
 * triangles. The overview draws thousands of cards and edges with it because on the software pipeline JavaFX strokes
 * long anti-aliased lines slowly (4,000 lines cost 80 ms a frame through a {@code GraphicsContext}, a few ms here).
 * Colours are 0xRRGGBB ints; alpha is 0..1.
 */
final class PixelPainter {

    private int width;
    private int height;
    private int[] pixels = new int[0];
    private final double[] clipRange = new double[2];

    /**
     * Makes the buffer {@code w × h}, re-using the array when it is large enough: a moving picture (with a margin)
     * and a still one take turns in the same buffer, and each new array of several MB is a humongous allocation
     * that can start a garbage collection pause in the middle of a gesture.
     */
    void resize(int w, int h) {
        resize(w, h, 0);
    }

    /**
     * Like {@link #resize(int, int)}, but a new array holds at least {@code capacity} pixels: the first moving picture
     * makes room for the largest one a gesture needs, instead of growing the array once for a zoom and again for a pan.
     */
    void resize(int w, int h, int capacity) {
        width = w;
        height = h;
        if (pixels.length < Math.max(0, w * h)) {
            pixels = new int[Math.max(w * h, capacity)];
        }
    }

    /** Grows the array to hold at least {@code capacity} pixels (dropping what it showed), keeping the size. */
    void reserve(int capacity) {
        if (pixels.length < capacity) {
            pixels = new int[capacity];
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The pixels, row after row {@link #width} apart; the array may be longer than {@code width × height}. */
    int[] pixels() {
        return pixels;
    }

    void fill(int rgb) {
        Arrays.fill(pixels, 0, width * height, 0xff000000 | rgb);
    }

    /**
     * Fills the buffer with {@code rgb} crossed by one-pixel vertical lines at the columns {@code xs[0..count)}: the
     * first row is drawn and copied into the others. The same pixels as {@link #fill} and a {@link #columnLine} per
     * column, without walking the array down each column (a cache miss per pixel: the grid was a third of a
     * picture's time on the FX thread).
     */
    void fillWithColumns(int rgb, int[] xs, int count, int lineRgb, double alpha) {
        if (width == 0 || height == 0) {
            return;
        }
        Arrays.fill(pixels, 0, width, 0xff000000 | rgb);
        int a = alpha256(alpha);
        for (int i = 0; i < count; i++) {
            if (xs[i] >= 0 && xs[i] < width) {
                blend(xs[i], lineRgb, a);
            }
        }
        for (int row = 1; row < height; row++) {
            System.arraycopy(pixels, 0, pixels, row * width, width);
        }
    }

    /** A one-pixel vertical line at column {@code x} over the whole height. */
    void columnLine(int x, int rgb, double alpha) {
        if (x < 0 || x >= width) {
            return;
        }
        int a = alpha256(alpha);
        for (int i = x, end = width * height; i < end; i += width) {
            blend(i, rgb, a);
        }
    }

    /** A one-pixel horizontal line at row {@code y} over the whole width. */
    void rowLine(int y, int rgb, double alpha) {
        if (y < 0 || y >= height) {
            return;
        }
        int a = alpha256(alpha);
        for (int i = y * width, end = i + width; i < end; i++) {
            blend(i, rgb, a);
        }
    }

    /** Fills a rectangle with corners rounded by {@code r}, anti-aliased along its sides and corners. */
    void fillRoundRect(double x, double y, double w, double h, double r, int rgb, double alpha) {
        if (w <= 0 || h <= 0 || x >= width || y >= height || x + w <= 0 || y + h <= 0) {
            return;
        }
        r = Math.max(0, Math.min(r, Math.min(w, h) / 2));
        int row0 = Math.max(0, (int) Math.floor(y));
        int row1 = Math.min(height - 1, (int) Math.ceil(y + h) - 1);
        for (int py = row0; py <= row1; py++) {
            double cover = Math.min(py + 1, y + h) - Math.max(py, y);
            double mid = py + 0.5;
            double inset = 0;
            // inside the corner band the row is shortened to the corner circle
            double d = mid < y + r ? y + r - mid : mid > y + h - r ? mid - (y + h - r) : 0;
            if (d > 0) {
                inset = d >= r ? r : r - Math.sqrt(r * r - d * d);
            }
            span(py, x + inset, x + w - inset, rgb, alpha * cover);
        }
    }

    /** One row from {@code left} to {@code right} (pixel units), the end pixels weighted by their coverage. */
    private void span(int py, double left, double right, int rgb, double alpha) {
        left = Math.max(0, left);
        right = Math.min(width, right);
        if (right <= left || alpha <= 0) {
            return;
        }
        int base = py * width;
        int x0 = (int) Math.floor(left);
        int x1 = (int) Math.ceil(right) - 1;
        if (x0 == x1) {
            blend(base + x0, rgb, alpha256(alpha * (right - left)));
            return;
        }
        blend(base + x0, rgb, alpha256(alpha * (x0 + 1 - left)));
        blend(base + x1, rgb, alpha256(alpha * (right - x1)));
        int a = alpha256(alpha);
        // the inside of a card row is most of the work: a plain fill when opaque
        if (a >= 256) {
            Arrays.fill(pixels, base + x0 + 1, base + x1, 0xff000000 | rgb);
        } else {
            for (int i = base + x0 + 1; i < base + x1; i++) {
                blend(i, rgb, a);
            }
        }
    }

    /**
     * A straight line {@code width} pixels thick; with {@code dash} (on, off lengths in pixels) only the "on" parts
     * are drawn, starting {@code phase} pixels into the pattern. Returns the phase at the end, so that a polyline's
     * dashes run on across its segments.
     */
    double line(double x0, double y0, double x1, double y1, double thickness, int rgb, double alpha, double[] dash,
                double phase) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        double endPhase = phase + length;
        // clip to the buffer (Liang–Barsky), so that long edges mostly off screen cost what is on screen
        // one array per painter (a painter is used by one thread at a time): a line is drawn thousands of times a
        // picture, and a new array each time was a good part of what a zoom allocated
        double[] t = clipRange;
        t[0] = 0;
        t[1] = 1;
        double dx = x1 - x0;
        double dy = y1 - y0;
        double m = thickness + 2;
        if (!clip(-dx, x0 + m, t) || !clip(dx, width + m - x0, t) || !clip(-dy, y0 + m, t)
                || !clip(dy, height + m - y0, t)) {
            return endPhase;
        }
        double sx = x0 + t[0] * dx;
        double sy = y0 + t[0] * dy;
        double ex = x0 + t[1] * dx;
        double ey = y0 + t[1] * dy;
        phase += t[0] * length;
        boolean steep = Math.abs(dy) > Math.abs(dx);
        if (steep) {
            double s = sx;
            sx = sy;
            sy = s;
            s = ex;
            ex = ey;
            ey = s;
        }
        boolean reversed = sx > ex;
        if (reversed) {
            double s = sx;
            sx = ex;
            ex = s;
            s = sy;
            sy = ey;
            ey = s;
        }
        double gradient = ex == sx ? 0 : (ey - sy) / (ex - sx);
        double step = Math.sqrt(1 + gradient * gradient);
        // the line's extent across the minor axis grows with its slope, so that diagonal lines are not thinner
        double half = thickness * step / 2;
        int a = alpha256(alpha);
        int from = (int) Math.floor(sx);
        int to = (int) Math.floor(ex);
        double period = dash == null ? 0 : dash[0] + dash[1];
        for (int major = from; major <= to; major++) {
            double along = reversed ? (to - major) * step : (major - from) * step;
            if (period > 0 && (phase + along) % period >= dash[0]) {
                continue;
            }
            double centre = sy + gradient * (major + 0.5 - sx);
            double lo = centre - half;
            double hi = centre + half;
            for (int minor = (int) Math.floor(lo); minor <= (int) Math.floor(hi); minor++) {
                double c = Math.min(minor + 1, hi) - Math.max(minor, lo);
                int px = steep ? minor : major;
                int py = steep ? major : minor;
                if (c > 0 && px >= 0 && py >= 0 && px < width && py < height) {
                    blend(py * width + px, rgb, (int) (a * Math.min(1, c)));
                }
            }
        }
        return endPhase;
    }

    private static boolean clip(double p, double q, double[] t) {
        if (p == 0) {
            return q >= 0;
        }
        double r = q / p;
        if (p < 0) {
            if (r > t[1]) {
                return false;
            }
            t[0] = Math.max(t[0], r);
        } else {
            if (r < t[0]) {
                return false;
            }
            t[1] = Math.min(t[1], r);
        }
        return true;
    }

    /** Fills a triangle (arrowheads), sampling each pixel centre; small enough that edges need no smoothing. */
    void fillTriangle(double ax, double ay, double bx, double by, double cx, double cy, int rgb, double alpha) {
        int minX = Math.max(0, (int) Math.floor(Math.min(ax, Math.min(bx, cx))));
        int maxX = Math.min(width - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx))));
        int minY = Math.max(0, (int) Math.floor(Math.min(ay, Math.min(by, cy))));
        int maxY = Math.min(height - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy))));
        double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (area == 0) {
            return;
        }
        int a = alpha256(alpha);
        for (int py = minY; py <= maxY; py++) {
            for (int px = minX; px <= maxX; px++) {
                double x = px + 0.5;
                double y = py + 0.5;
                double w0 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
                double w1 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
                double w2 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
                if (area > 0 ? w0 >= 0 && w1 >= 0 && w2 >= 0 : w0 <= 0 && w1 <= 0 && w2 <= 0) {
                    blend(py * width + px, rgb, a);
                }
            }
        }
    }

    /** Source-over on an opaque pixel; {@code a} runs 0..256. */
    private void blend(int i, int rgb, int a) {
        if (a >= 256) {
            pixels[i] = 0xff000000 | rgb;
            return;
        }
        int d = pixels[i];
        int na = 256 - a;
        int rb = (((rgb & 0xff00ff) * a + (d & 0xff00ff) * na) >>> 8) & 0xff00ff;
        int g = (((rgb & 0xff00) * a + (d & 0xff00) * na) >>> 8) & 0xff00;
        pixels[i] = 0xff000000 | rb | g;
    }

    private static int alpha256(double alpha) {
        return (int) Math.round(Math.max(0, Math.min(1, alpha)) * 256);
    }
}
