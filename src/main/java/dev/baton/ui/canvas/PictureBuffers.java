package dev.baton.ui.canvas;

import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.nio.IntBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The picture's pixel buffers, taken in turn: the one shown, the one shown before it (the renderer may still read
 * the last frame's picture) and one being drawn, on the FX thread or on the worker. Each keeps its array and one
 * image per size (a panning picture has a wide margin, a zooming one a narrow one, a still one none), so that taking turns allocates nothing: a new
 * array of several MB, and the renderer's texture for a new image, are humongous allocations that can start a
 * garbage collection pause in the middle of a gesture.
 */
final class PictureBuffers {

    /** One buffer sized for one picture: its painter, and the image that shows the painter's pixels. */
    record Slot(int turn, PixelPainter painter, PixelBuffer<IntBuffer> buffer, WritableImage image) {
    }

    private final PixelPainter[] painters = {new PixelPainter(), new PixelPainter(), new PixelPainter()};
    /** Per buffer, its images by size (width in the high 32 bits, height in the low). */
    private final List<Map<Long, Slot>> images = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
    private int shownTurn;
    private int previousTurn = -1;
    private int busyTurn = -1;

    /** A buffer of {@code w × h} neither shown nor being drawn on the worker; {@code forWorker} marks it so. */
    Slot take(int w, int h, boolean forWorker) {
        return take(w, h, forWorker, 0);
    }

    /** Like {@link #take(int, int, boolean)}; a buffer that must grow makes room for {@code capacity} pixels. */
    Slot take(int w, int h, boolean forWorker, int capacity) {
        int turn = -1;
        for (int i = 1; i <= painters.length && turn < 0; i++) {
            int t = (shownTurn + i) % painters.length;
            if (t != shownTurn && t != busyTurn && t != previousTurn) {
                turn = t;
            }
        }
        if (turn < 0) {
            turn = (shownTurn + 1) % painters.length == busyTurn ? (shownTurn + 2) % painters.length
                    : (shownTurn + 1) % painters.length;
        }
        if (forWorker) {
            busyTurn = turn;
        }
        PixelPainter painter = painters[turn];
        int[] before = painter.pixels();
        painter.resize(w, h, capacity);
        Map<Long, Slot> sized = images.get(turn);
        if (painter.pixels() != before) {
            sized.clear();
        }
        long key = ((long) w << 32) | h;
        int t = turn;
        // the image shares the painter's pixels: no copy and no format conversion per frame
        Slot slot = sized.computeIfAbsent(key, k -> {
            PixelBuffer<IntBuffer> buffer = new PixelBuffer<>(w, h, IntBuffer.wrap(painter.pixels()),
                    PixelFormat.getIntArgbPreInstance());
            return new Slot(t, painter, buffer, new WritableImage(buffer));
        });
        if (sized.size() > 3) {
            // a resized canvas: only the sizes of now (still, zooming, panning) are worth keeping; dropping one of
            // those made a new image, and a new texture of several MB for the renderer, each time a gesture changed
            sized.keySet().removeIf(k -> k != key);
        }
        return slot;
    }

    /**
     * Makes room for {@code capacity} pixels in one buffer not being drawn on the worker, if one lacks it; false when
     * none does. The pictures shown now and last keep the arrays their images wrap: only the painter gets a new one. Called while the view is still, so that the first pictures of the next gesture
     * (with their wide margin) find arrays large enough: a new array of several MB made in a gesture's first frames is
     * a humongous allocation, and can start a collection there.
     */
    boolean reserve(int capacity) {
        for (int t = 0; t < painters.length; t++) {
            if (t != busyTurn && painters[t].pixels().length < capacity) {
                painters[t].reserve(capacity);
                images.get(t).clear(); // their pixel buffers wrap the old array
                return true;
            }
        }
        return false;
    }

    /** The worker has finished with its buffer. */
    void workerDone() {
        busyTurn = -1;
    }

    /** The slot's picture is shown now. */
    void shown(Slot slot) {
        if (slot.turn() != shownTurn) {
            previousTurn = shownTurn;
            shownTurn = slot.turn();
        }
    }
}
