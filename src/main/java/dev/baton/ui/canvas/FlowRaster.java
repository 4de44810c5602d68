package dev.baton.ui.canvas;

import dev.baton.flow.Edge;
import dev.baton.ui.canvas.SpatialIndex.PlacedEdge;
import dev.baton.ui.canvas.SpatialIndex.PlacedNode;
import dev.baton.ui.canvas.geometry.ZoomPan;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.transform.Affine;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The canvas drawn as one picture in screen coordinates: background and grid always; when zoomed out (or while a
 * large flow is being panned and zoomed) also every edge and card, in place of the per-node scene graph. Pixels go
 * through {@link PixelPainter} into one image; card texts, when readable, are a pool of plain {@code Text} nodes on
 * top (a full-size transparent canvas for them would cost two more full-screen passes a frame).
 */
final class FlowRaster {

    /** How much of the flow the picture shows. */
    enum Detail {
        /** Background and grid only: the skins draw the flow. */
        GRID,
        /** Cards as blocks in their kind's colour, edges as straight lines: text would be unreadable. */
        OVERVIEW,
        /** Cards with their texts, curved edges with arrowheads and dashes: a stand-in for the skins. */
        CARDS,
        /**
         * Background, grid and the plain edges of a crowded view, under the card skins: thousands of edge paths in
         * the scene graph cost the software renderer a long frame whenever they are repainted; only the edges that
         * must react (selected, labelled, hovered, in a run) are skins, and the picture leaves them out.
         */
        EDGES;

        /** Whether the skins show the cards in this detail (the picture only stands under them). */
        boolean underSkins() {
            return this == GRID || this == EDGES;
        }
    }

    /**
     * Pixels of picture painted beyond each side of the canvas while the view moves: the picture then follows a pan
     * for that many pixels before it is painted again, so most moving frames cost a move of one image instead of
     * thousands of lines. A zoom paints it anew: the software renderer takes some 20 ms to draw a scaled image.
     */
    static final int MOVING_MARGIN = 240;
    /**
     * Pixels of picture beyond each side of a picture drawn on the worker during a zoom: it is shown a frame or two
     * after it was asked for, placed unscaled where the view is by then, and a pan meanwhile must not uncover an edge.
     */
    static final int ZOOM_MARGIN = 32;

    private final PictureBuffers buffers = new PictureBuffers();
    /** The painter of the picture shown. */
    private PixelPainter painter = new PixelPainter();
    private final PictureDrawing drawing;
    /**
     * Counts the pictures painted on the FX thread: a picture from the worker is shown only if none was painted since
     * it was asked for (it is newer than the one shown: the worker draws them in the order asked).
     */
    private int generation;
    private boolean painting;
    private Request waiting;
    /** The canvas's live view, where a picture from the worker is placed when it arrives. */
    private ZoomPan canvasView;
    /** One worker for every canvas: the moving pictures of a crowded overview are drawn there, one at a time. */
    private static final java.util.concurrent.Executor WORKER = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "canvas-picture");
                t.setDaemon(true);
                return t;
            });
    private final ImageView image = new ImageView();
    private final PictureTexts texts;
    /** Where the last moving picture stays while the skins of a crowded view are revealed. */
    private final PictureCurtain curtain;
    private final RasterStyles styles;
    private int paints;
    private int pictured;
    /** Where the picture (and its texts) lie on screen: moved and scaled to follow the view between two paints. */
    private final Affine imagePlace = new Affine();
    /** The view the last picture was painted for, the margin around it, and its detail. */
    private double paintedScale = Double.NaN;
    private double paintedX;
    private double paintedY;
    private int paintedMargin;
    private Detail paintedDetail;

    FlowRaster(RasterStyles styles) {
        this.styles = styles;
        this.drawing = new PictureDrawing(styles);
        this.texts = new PictureTexts(styles);
        image.setMouseTransparent(true);
        image.setManaged(false);
        image.getTransforms().setAll(imagePlace);
        this.curtain = new PictureCurtain(image, imagePlace, texts);
    }

    PictureCurtain curtain() {
        return curtain;
    }

    ImageView image() {
        return image;
    }

    /** The texts' place under the skins (the canvas stacks it between the picture and the world). */
    Group text() {
        return texts.under();
    }

    /** The texts' place over the curtain (the canvas stacks it over the curtain). */
    Group textOverCurtain() {
        return texts.over();
    }

    /** The group of the picture's texts (tests: where it lies, which texts changed). */
    Group texts() {
        return texts.group();
    }

    /** How many pictures were painted so far (tests check that a still view paints nothing). */
    int paints() {
        return paints;
    }

    /** Everything one picture depends on. */
    record Frame(int width, int height, int background, ZoomPan view, Detail detail, SpatialIndex index,
                 Set<String> selection, Set<String> invalid, Predicate<Edge> skinned) {

        Frame(int width, int height, int background, ZoomPan view, Detail detail, SpatialIndex index,
              Set<String> selection, Set<String> invalid) {
            this(width, height, background, view, detail, index, selection, invalid, e -> false);
        }
    }

    /**
     * Moves the last picture to where the view {@code view} of a {@code width × height} canvas shows it, instead of
     * painting it anew: while the view pans, a picture painted with a margin serves several frames. False (nothing
     * changed) when the picture has no margin, the scale changed (a scaled image costs the software renderer some
     * 20 ms a frame, more than painting it), or it would leave part of the canvas uncovered: then it must be painted.
     */
    boolean follow(ZoomPan view, int width, int height) {
        if (paintedMargin == 0 || view.scale().get() != paintedScale) {
            return false;
        }
        double ox = Math.round(view.translateX().get() - paintedMargin - paintedX);
        double oy = Math.round(view.translateY().get() - paintedMargin - paintedY);
        if (ox > 0 || oy > 0 || ox + painter.width() < width || oy + painter.height() < height) {
            return false;
        }
        place(view, width, height);
        return true;
    }

    /**
     * Whether the last picture shows exactly the view {@code view} of a {@code width × height} canvas: painted at its
     * scale, at an offset of whole pixels from where it is now, covering the canvas, and no newer one on the worker.
     * If so it is placed there.
     */
    boolean showsExactly(ZoomPan view, int width, int height) {
        if (painting || Double.isNaN(paintedScale) || view.scale().get() != paintedScale) {
            return false;
        }
        double dx = view.translateX().get() - paintedMargin - paintedX;
        double dy = view.translateY().get() - paintedMargin - paintedY;
        double ox = Math.round(dx);
        double oy = Math.round(dy);
        if (Math.abs(dx - ox) > 1e-6 || Math.abs(dy - oy) > 1e-6
                || ox > 0 || oy > 0 || ox + painter.width() < width || oy + painter.height() < height) {
            return false;
        }
        place(view, width, height);
        return true;
    }

    /**
     * How many pixels the last picture reaches beyond the canvas on its nearest side, placed for the view
     * {@code view} at the scale it was painted for (negative: it leaves part of the canvas uncovered).
     */
    double marginLeft(ZoomPan view, int width, int height) {
        double ox = Math.round(view.translateX().get() - paintedMargin - paintedX);
        double oy = Math.round(view.translateY().get() - paintedMargin - paintedY);
        return Math.min(Math.min(-ox, -oy), Math.min(ox + painter.width() - width, oy + painter.height() - height));
    }

    /**
     * Places the last picture (and its texts) for the view {@code view}, unscaled: at the scale it was painted for
     * exactly where it belongs; at another scale (a zoom goes on while the next picture is drawn on the worker) with
     * the world point at the canvas centre where it belongs, a few pixels off towards the sides for a frame or two.
     */
    void place(ZoomPan view, int width, int height) {
        if (Double.isNaN(paintedScale)) {
            return;
        }
        double s = view.scale().get();
        double cx = width / 2.0;
        double cy = height / 2.0;
        double wx = (cx - view.translateX().get()) / s;
        double wy = (cy - view.translateY().get()) / s;
        // whole pixels: a picture moved by a fraction of one is resampled (blurred, and slower to draw)
        double ox = Math.round(cx - (wx * paintedScale + paintedX + paintedMargin));
        double oy = Math.round(cy - (wy * paintedScale + paintedY + paintedMargin));
        imagePlace.setToTransform(1, 0, ox, 0, 1, oy);
        texts.place(ox, oy);
    }

    /** The scale of the view the last picture was painted for (NaN before the first). */
    double paintedScale() {
        return paintedScale;
    }

    /** The detail of the last picture painted (null before the first). */
    Detail paintedDetail() {
        return paintedDetail;
    }

    /**
     * Paints the picture with {@code margin} pixels more on each side than the canvas, so that {@link #follow} can
     * move it that far with the view before it must be painted again. Any picture still being painted on the worker
     * (see {@link #paintLater}) is dropped.
     */
    void paint(Frame f, int margin) {
        generation++;
        Job job = prepare(f, margin, false);
        job.pictured = drawing.draw(job.painter, job.frame, job.edges, job.nodes, job.drawn);
        install(job, f.view(), f.width(), f.height());
    }

    /**
     * Like {@link #paint(Frame, int)}, but the pixels are drawn on a worker thread while the FX thread goes on:
     * until the new picture is done (a frame or two later) the last one stays, moved with the view; its texts, if any,
     * are laid out when it is shown. While one is being drawn, only the latest request waits, and a continuous zoom
     * still shows a new picture every time the worker has one.
     */
    void paintLater(Frame f, int margin) {
        if (painting) {
            waiting = new Request(f, margin, snapshot(f.view()), generation);
            return;
        }
        start(new Request(f, margin, snapshot(f.view()), generation));
    }

    /**
     * Like {@link #paintLater}, but the pictures already asked of the worker are dropped when they are done: only this
     * one is shown (a settled view needs a picture of exactly itself, not the moving one still on the worker).
     */
    void paintLaterInstead(Frame f, int margin) {
        generation++;
        waiting = null;
        paintLater(f, margin);
    }

    /** Whether a picture is being drawn on the worker now (tests). */
    boolean paintingLater() {
        return painting;
    }

    /** A picture asked for on the FX thread: its frame, margin, the view then (a copy) and its generation. */
    private record Request(Frame frame, int margin, ZoomPan view, int generation) {
    }

    private void start(Request r) {
        painting = true;
        Job job = prepare(r.frame(), r.margin(), true);
        WORKER.execute(() -> {
            try {
                job.pictured = drawing.draw(job.painter, job.frame, job.edges, job.nodes, job.drawn);
            } finally {
                Platform.runLater(() -> finished(r, job));
            }
        });
    }

    private void finished(Request r, Job job) {
        painting = false;
        buffers.workerDone();
        if (r.generation() == generation) {
            // still the latest: shown where the view is now (it may have moved on while it was drawn)
            install(job, canvasView, r.frame().width(), r.frame().height());
        }
        Request next = waiting;
        waiting = null;
        if (next != null && next.generation() == generation) {
            start(next);
        }
    }

    private static ZoomPan snapshot(ZoomPan view) {
        ZoomPan copy = new ZoomPan();
        copy.scale().set(view.scale().get());
        copy.translateX().set(view.translateX().get());
        copy.translateY().set(view.translateY().get());
        return copy;
    }

    /** One picture to draw: the buffer it goes into, the frame it shows (with its margin) and what it draws. */
    private static final class Job {
        PictureBuffers.Slot slot;
        PixelPainter painter;
        Frame frame;
        int margin;
        List<PlacedEdge> edges;
        List<PlacedNode> nodes;
        java.util.function.Predicate<PlacedEdge> drawn;
        int pictured;
    }

    /** On the FX thread: picks and sizes a buffer, and asks the index for what the picture shows. */
    private Job prepare(Frame f, int margin, boolean forWorker) {
        canvasView = f.view();
        Job job = new Job();
        job.margin = margin;
        ZoomPan wider = snapshot(f.view());
        wider.translateX().set(wider.translateX().get() + margin);
        wider.translateY().set(wider.translateY().get() + margin);
        job.frame = new Frame(Math.max(1, f.width()) + 2 * margin, Math.max(1, f.height()) + 2 * margin,
                f.background(), wider, f.detail(), f.index(), Set.copyOf(f.selection()), Set.copyOf(f.invalid()),
                f.skinned());
        int w = job.frame.width();
        int h = job.frame.height();
        // a moving picture's buffer (and a crowded view's, which the next gesture moves) makes room for the widest
        // margin at once (see PixelPainter.resize)
        int room = margin > 0 || f.detail() != Detail.GRID ? movingRoom(f.width(), f.height()) : 0;
        job.slot = buffers.take(w, h, forWorker, room);
        job.painter = job.slot.painter();
        job.edges = List.of();
        job.nodes = List.of();
        job.drawn = e -> true;
        if (f.detail() != Detail.GRID) {
            double s = wider.scale().get();
            Point2D a = wider.toWorld(0, 0);
            Bounds world = new BoundingBox(a.getX(), a.getY(), w / s, h / s);
            job.edges = f.index().edgesIn(world);
            if (f.detail() == Detail.EDGES) {
                // an edge with a skin of its own is drawn by it (a dimmed or selected one must not show twice)
                Predicate<Edge> skinned = f.skinned();
                job.drawn = e -> !skinned.test(e.edge());
            } else {
                job.nodes = f.index().nodesIn(world);
            }
        }
        return job;
    }

    /** Pixels of the largest picture a gesture over a {@code width × height} canvas paints (the widest margin). */
    private static int movingRoom(int width, int height) {
        int m = MOVING_MARGIN;
        return (Math.max(1, width) + 2 * m) * (Math.max(1, height) + 2 * m);
    }

    /**
     * While the view is still: makes room in one more buffer for the pictures of the next gesture over a
     * {@code width × height} canvas (see {@link PictureBuffers#reserve}); false when every buffer that can has room.
     */
    boolean reserveForMotion(int width, int height) {
        return !painting && buffers.reserve(movingRoom(width, height));
    }

    /** On the FX thread: shows the drawn picture (with its texts) where the view {@code view} puts it. */
    private void install(Job job, ZoomPan view, int width, int height) {
        Frame f = job.frame;
        curtain.beforePaint(f.detail().underSkins());
        paints++;
        pictured = job.pictured;
        paintedScale = f.view().scale().get();
        paintedX = f.view().translateX().get() - job.margin;
        paintedY = f.view().translateY().get() - job.margin;
        paintedMargin = job.margin;
        paintedDetail = f.detail();
        painter = job.painter;
        texts.begin();
        if (f.detail() == Detail.CARDS) {
            for (PlacedNode n : job.nodes) {
                texts.card(n, f);
            }
        }
        if (!curtain.up()) {
            // under a curtain the texts of its picture stay until their strip is uncovered
            texts.hideUnused();
        }
        place(view, width, height);
        job.slot.buffer().updateBuffer(b -> null);
        image.setImage(job.slot.image());
        buffers.shown(job.slot);
    }

    /** How many edges the last picture drew (tests: a crowded view draws its plain edges here, not as skins). */
    int picturedEdges() {
        return pictured;
    }
}
