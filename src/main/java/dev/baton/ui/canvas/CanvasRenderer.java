package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.ZoomPan;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Decides, once per layout pass, how the canvas shows the flow, and brings that up to date:
 * <ul>
 * <li>zoomed out below {@link #FAR_SCALE}: one picture of blocks and lines ({@link FlowRaster.Detail#OVERVIEW});</li>
 * <li>while the view moves over many elements (more than {@link #HEAVY}): one picture of cards with texts
 * ({@link FlowRaster.Detail#CARDS}), so that a frame costs one image, not hundreds of scene nodes;</li>
 * <li>otherwise, and as soon as the view has been still for {@link #SETTLE}: the skins (interactive, CSS-styled,
 * run-decorated), culled to the viewport plus a margin through the {@link SpatialIndex}; a crowded view gets them
 * {@link #BATCH} per frame under the picture, then uncovered over a few frames (see {@link SkinReveal}).
 * A crowded view's plain edges stay in the picture under the card skins ({@link FlowRaster.Detail#EDGES}): only
 * those that must react (selected, invalid, labelled, hovered, lit by a run) come out of it as skins.</li>
 * </ul>
 * A single jump of the view (zoom to fit, reveal, a toolbar zoom) shows skins at once; the picture takes over from
 * the second change that comes within {@link #SETTLE} of the one before.
 */
final class CanvasRenderer {

    static final double FAR_SCALE = 0.4;
    static final int HEAVY = 150;
    static final Duration SETTLE = Duration.millis(180);
    /** New skins per pulse: a crowded view gets its skins over a few frames instead of one long one. */
    static final int BATCH = 40;

    private final ZoomPan view;
    private final SkinLayers skins;
    private final Group content;
    private final RasterStyles styles = new RasterStyles();
    private final FlowRaster raster = new FlowRaster(styles);
    private final SpatialIndex index = new SpatialIndex();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Translate translate = new Translate();
    private final PauseTransition settle = new PauseTransition(SETTLE);
    private final Runnable requestLayout;
    private final SkinReveal reveal;
    private boolean indexStale = true;
    private boolean skinsStale = true;
    private boolean rasterStale = true;
    /** Something other than the view changed (flow, marks, size, styles): the picture must be painted, not moved. */
    private boolean pictureStale = true;
    private boolean moving;
    private boolean styled;
    private int lastBackground = -1;
    /** The canvas size the last picture was painted for: a resize needs a picture (and a grid) of the new size. */
    private double paintedWidth = -1;
    private double paintedHeight = -1;
    private FlowRaster.Detail detail = FlowRaster.Detail.GRID;
    /** The world region the current skins cover; panning inside it needs no new skins. */
    private Bounds rendered;
    /** The view settled in this layout pass, or is waiting for its picture (see {@link SkinReveal#settledPicture}). */
    private boolean settling;
    /** A motion ended (and nothing changed since): the settled view's picture need not be painted on the FX thread. */
    private boolean motionEnded;
    /** Whether the current skins leave the plain edges to the picture (the view was crowded when they were made). */
    private boolean edgesPictured;

    CanvasRenderer(ZoomPan view, SkinLayers skins, Group world, Group content, Runnable requestLayout) {
        this.view = view;
        this.skins = skins;
        this.content = content;
        this.requestLayout = requestLayout;
        this.reveal = new SkinReveal(view, skins, raster, requestLayout);
        world.getTransforms().setAll(translate, scale);
        settle.setOnFinished(e -> {
            motionEnded = moving;
            moving = false;
            rasterStale = true;
            requestLayout.run();
        });
    }

    FlowRaster raster() {
        return raster;
    }

    RasterStyles styles() {
        return styles;
    }

    FlowRaster.Detail detail() {
        return detail;
    }

    /** The flow, its positions or its marks changed. */
    void contentChanged() {
        reveal.endReveal();
        motionEnded = false;
        reveal.forgetSettledPicture();
        indexStale = true;
        skinsStale = true;
        rasterStale = true;
        pictureStale = true;
    }

    /**
     * Which edges need a skin of their own changed (hover, a run, a breakpoint): the skins follow, and with
     * {@code picture} the picture too (a hovered edge's skin covers its line exactly: no repaint of the whole view
     * for a hover).
     */
    void edgesChanged(boolean picture) {
        skinsStale = true;
        if (picture) {
            reveal.endReveal();
            rasterStale = true;
            pictureStale = true;
        }
    }

    /** The view transform changed: a second change soon after the first means a gesture is under way. */
    void viewChanged() {
        reveal.endReveal();
        motionEnded = false;
        reveal.forgetSettledPicture();
        moving = moving || settle.getStatus() == Animation.Status.RUNNING;
        settle.playFromStart();
        rasterStale = true;
    }

    /** Ends a motion at once (a press needs the real skins under the pointer). */
    void settleNow() {
        reveal.endReveal();
        if (moving) {
            settle.stop();
            motionEnded = true;
            moving = false;
            rasterStale = true;
        }
    }

    /** Everything the layout pass needs from the canvas. */
    record Input(double width, double height, Color background, Flow flow, Map<String, Position> preview,
                 Set<String> selection, Set<String> invalid, Predicate<Edge> edgeNeedsSkin) {
    }

    void layout(Input in, Supplier<Boolean> sceneReady) {
        double w = in.width();
        double h = in.height();
        double s = view.scale().get();
        if (w != paintedWidth || h != paintedHeight) {
            paintedWidth = w;
            paintedHeight = h;
            rasterStale = true;
            pictureStale = true;
        }
        scale.setX(s);
        scale.setY(s);
        translate.setX(view.translateX().get());
        translate.setY(view.translateY().get());
        ensureIndex(in.flow(), in.preview());
        Point2D a = view.toWorld(0, 0);
        Bounds viewport = new BoundingBox(a.getX(), a.getY(), w / s, h / s);
        FlowRaster.Detail wanted;
        crowded = null;
        if (s < FAR_SCALE) {
            wanted = FlowRaster.Detail.OVERVIEW;
        } else if (moving && (crowded = heavy(viewport))) {
            wanted = FlowRaster.Detail.CARDS;
        } else {
            if (crowded == null) {
                crowded = heavy(viewport);
            }
            wanted = crowded ? FlowRaster.Detail.EDGES : FlowRaster.Detail.GRID;
        }
        // while a picture stands in for the skins, new ones are made transparent in the (visible) layer
        skins.veilNewSkins(detail == FlowRaster.Detail.CARDS || reveal.revealing());
        // the view has just settled (or waits for its picture) over a picture of cards: see settledPicture
        settling = motionEnded && wanted.underSkins() && !moving && detail == FlowRaster.Detail.CARDS
                && !reveal.revealing() && rasterStale && styled && raster.paints() > 0;
        if (wanted.underSkins() && !renderSkins(in, viewport, wanted == FlowRaster.Detail.EDGES)) {
            // the skins come in batches over the next pulses; meanwhile the picture stands in for them
            wanted = FlowRaster.Detail.CARDS;
            Platform.runLater(requestLayout);
        }
        boolean keepPicture = false;
        if (wanted == FlowRaster.Detail.EDGES && detail == FlowRaster.Detail.CARDS && !reveal.revealing()
                && rasterStale && styled && raster.paints() > 0) {
            // the view settled this very frame: the reveal needs a picture of cards of exactly this view under the
            // skins (showing every skin at once would be the long frame); see settledPicture for where it comes from
            wanted = FlowRaster.Detail.CARDS;
            Platform.runLater(requestLayout);
        } else if (wanted == FlowRaster.Detail.EDGES && detail == FlowRaster.Detail.CARDS && !reveal.revealing()
                && !rasterStale && raster.paints() > 0) {
            // the moving picture of this very view stays, under the card skins uncovered over it strip by strip:
            // its cards are hidden by theirs, its edges are the plain edges the skins leave to the picture
            keepPicture = true;
            reveal.startOverHeldPicture();
        } else if (wanted.underSkins() && detail == FlowRaster.Detail.CARDS && !reveal.revealing()
                && skins.count() > HEAVY && raster.paints() > 0) {
            // the picture of cards stays on top while the skins are uncovered under it over the next frames
            reveal.startUnderCurtain();
        } else if (reveal.revealing() && wanted.underSkins()) {
            reveal.revealNextStrip(w, viewport);
        } else {
            reveal.endReveal();
            if (wanted.underSkins()) {
                skins.showAll(); // made transparent under a picture, shown at once (a view with few of them)
            }
        }
        if (wanted != detail) {
            detail = wanted;
            rasterStale = !keepPicture;
        }
        // from the frame the view settles in (which paints a new picture of the whole view anyway) the skin layers
        // are visible under the picture, their skins transparent: making them visible later, when the reveal
        // starts, repainted the whole view, texts and all, in one more frame; while moving they are hidden, so that
        // the renderer does not walk hundreds of transparent skins each frame
        content.setVisible(detail != FlowRaster.Detail.OVERVIEW && !(moving && detail == FlowRaster.Detail.CARDS));
        for (javafx.scene.Node layer : content.getChildren()) {
            if (layer != skins.edgeLayer() && layer != skins.nodeLayer()) {
                layer.setVisible(detail.underSkins()); // the judges' verifier links: not in the picture
            }
        }
        if (detail == FlowRaster.Detail.CARDS) {
            skins.hideAll();
        }
        int background = rgb(in.background());
        boolean cards = !detail.underSkins();
        if (background != lastBackground || !styled || (cards && !styles.hasCards())) {
            // a theme change restyles the canvas: the picture re-reads its colours from the probes
            if (sceneReady.get()) {
                styles.refresh(cards || styles.hasCards());
                styled = true;
            }
            lastBackground = background;
            rasterStale = true;
            pictureStale = true;
        }
        // before the first styles are read (no scene yet) there is nothing to draw cards with
        boolean ready = styled && (!cards || styles.hasCards());
        if (rasterStale && ready && w > 0 && h > 0) {
            rasterStale = false;
            int pw = (int) Math.ceil(w);
            int ph = (int) Math.ceil(h);
            // a moving picture follows the view while it can; at rest (and for anything but the view) it is painted
            boolean movingPicture = moving && !detail.underSkins();
            boolean followed = movingPicture && !pictureStale && raster.paintedDetail() == detail
                    && raster.follow(view, pw, ph);
            boolean settled = settling && !pictureStale && raster.paintedDetail() == detail;
            if (settled) {
                // no picture painted on the FX thread: the last one, or one from the worker
                rasterStale = !reveal.settledPicture(new FlowRaster.Frame(pw, ph, background, view, detail, index,
                        in.selection(), in.invalid(), in.edgeNeedsSkin()));
            }
            if (followed && raster.marginLeft(view, pw, ph) < FlowRaster.MOVING_MARGIN / 2 && !raster.paintingLater()) {
                // half the margin is used up: the next picture is drawn on the worker while this one still covers
                // the canvas, so that no frame of a pan waits for one
                raster.paintLater(new FlowRaster.Frame(pw, ph, background, view, detail, index, in.selection(),
                        in.invalid(), in.edgeNeedsSkin()), FlowRaster.MOVING_MARGIN);
            }
            if (!followed && !settled) {
                // the full margin only where the picture can follow: a zoom needs a new picture each frame (see
                // FlowRaster.MOVING_MARGIN), and then only the small one that covers a pan while the worker draws
                boolean followable = s == raster.paintedScale();
                FlowRaster.Frame frame = new FlowRaster.Frame(pw, ph, background, view, detail, index,
                        in.selection(), in.invalid(), in.edgeNeedsSkin());
                int margin = movingPicture ? (followable ? FlowRaster.MOVING_MARGIN : FlowRaster.ZOOM_MARGIN) : 0;
                if (movingPicture && (detail == FlowRaster.Detail.OVERVIEW || !followable) && !pictureStale
                        && raster.paintedDetail() == detail) {
                    // thousands of lines (or a zoom's cards) on the worker; the last picture follows the view
                    // meanwhile, unscaled, and the newest one asked for replaces it when it is done
                    raster.paintLater(frame, margin);
                    raster.place(view, pw, ph);
                } else {
                    raster.paint(frame, margin);
                }
                pictureStale = false;
            }
        }
        if (moving && detail == FlowRaster.Detail.CARDS && !content.isVisible()) {
            // one card a frame styled ahead, hidden, for the nodes the view moves over (see SkinLayers.prepareSpare)
            // (the region a crowded view's skins cover: the viewport and a card around it, see renderSkins)
            skins.prepareSpare(in.flow(), index.nodesIn(new BoundingBox(viewport.getMinX() - NodeGeometry.WIDTH,
                    viewport.getMinY() - NodeGeometry.HEIGHT, viewport.getWidth() + 2 * NodeGeometry.WIDTH,
                    viewport.getHeight() + 2 * NodeGeometry.HEIGHT)));
        }
        if (!moving && !reveal.revealing() && (detail == FlowRaster.Detail.EDGES && !skinsStale
                || detail == FlowRaster.Detail.OVERVIEW) && w > 0 && h > 0
                && raster.reserveForMotion((int) Math.ceil(w), (int) Math.ceil(h))) {
            // a view a gesture would show as a picture: its buffers are made now, one a frame, not in the gesture
            Platform.runLater(requestLayout);
        }
        if (detail == FlowRaster.Detail.OVERVIEW && skins.count() > 0) {
            // zoomed out the picture is all there is: hidden skins would only hold memory and go stale
            skins.render(in.flow(), List.of(), List.of(), in.selection(), in.invalid());
            rendered = null;
        }
    }

    /** Whether skins are still being uncovered under the last moving picture. */
    boolean revealing() {
        return reveal.revealing();
    }

    /** Whether the viewport holds more than {@link #HEAVY} elements, once per layout pass (null: not asked yet). */
    private Boolean crowded;

    private boolean heavy(Bounds viewport) {
        return index.countIn(viewport) > HEAVY;
    }

    /** Skins for the viewport and a margin; false while some are still to be made (see {@link #BATCH}). */
    private boolean renderSkins(Input in, Bounds viewport, boolean pictureEdges) {
        if (!skinsStale && rendered != null && contains(rendered, viewport) && pictureEdges == edgesPictured) {
            return true;
        }
        edgesPictured = pictureEdges;
        // skins for a quarter screen around the viewport, so that a pan draws no new skins until it leaves that;
        // a crowded view pans as a picture anyway, and every skin more makes the return to skins slower
        if (crowded == null) {
            crowded = heavy(viewport);
        }
        double mx = (crowded ? 0 : viewport.getWidth() / 4) + NodeGeometry.WIDTH;
        double my = (crowded ? 0 : viewport.getHeight() / 4) + NodeGeometry.HEIGHT;
        rendered = new BoundingBox(viewport.getMinX() - mx, viewport.getMinY() - my,
                viewport.getWidth() + 2 * mx, viewport.getHeight() + 2 * my);
        boolean complete = skins.render(in.flow(), index.nodesIn(rendered), index.edgesIn(rendered), in.selection(),
                in.invalid(), BATCH, pictureEdges ? in.edgeNeedsSkin() : e -> true);
        skinsStale = !complete;
        return complete;
    }

    /** Re-indexes the flow if it changed since the last layout pass; the index, for what lies at a point. */
    SpatialIndex ensureIndex(Flow flow, Map<String, Position> preview) {
        if (indexStale) {
            index.rebuild(flow, n -> positionOf(n, preview));
            indexStale = false;
        }
        return index;
    }

    static Position positionOf(AgentNode n, Map<String, Position> preview) {
        Position p = preview.get(n.id());
        return p != null ? p : n.position();
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return inner.getMinX() >= outer.getMinX() && inner.getMinY() >= outer.getMinY()
                && inner.getMaxX() <= outer.getMaxX() && inner.getMaxY() <= outer.getMaxY();
    }

    private static int rgb(Color c) {
        return c == null ? 0xf6f8fa : ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }

    /** True once the view shows its styled skins, all made and uncovered (no batch or reveal still to come). */
    boolean fullyDrawn() {
        return detail.underSkins() && !reveal.revealing() && !moving;
    }

    /** How long the view must be still before it settles (see {@link FlowCanvas#settleAfter}). */
    void settleAfter(Duration stillFor) {
        settle.setDuration(stillFor);
    }
}
