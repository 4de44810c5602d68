package dev.baton.ui.canvas;

import dev.baton.ui.canvas.geometry.ZoomPan;
import javafx.application.Platform;
import javafx.geometry.Bounds;

/**
 * How the skins of a crowded view take over from the picture once the view settles, over several frames: the
 * settled view's picture of cards (the last moving one, or one from the worker), then the skins uncovered over it a
 * few per frame, or under a curtain strip by strip. The renderer decides when one starts; this is where it stands.
 */
final class SkinReveal {

    /**
     * Frames over which the skins of a crowded view are uncovered, left to right, when they replace the moving
     * picture: shown all at once they cost the software renderer one frame of 0.1–0.3 s.
     */
    static final int REVEAL_STEPS = 6;
    /**
     * Skins uncovered per frame over a held moving picture of the same view, the leftmost first: fewer than the 12
     * changed children past which the software renderer repaints a whole group (the whole view) in that frame.
     */
    static final int REVEAL_PER_FRAME = SkinLayers.MOST_CHANGED_PER_FRAME;
    /**
     * The same for a card the size it has at 100 % but any other scale than 1: the software renderer then draws
     * texts as outlines, glyph by glyph (masks only under a transform that merely moves), and such a card costs it
     * several times more; ten of them made frames of 30–60 ms after a zoom on the 2-core test machine. The picture
     * under them stands in for the cards meanwhile (a plainer drawing of each: no icon, badge or ports), so the 60
     * cards of a zoomed view change over some 30 frames instead of 6.
     */
    static final int REVEAL_PER_FRAME_SCALED = 2;

    /** Cards uncovered per frame at {@code scale}: smaller cards cost less to paint (by area), so more a frame. */
    static int revealPerFrame(double scale) {
        if (scale == 1) {
            return REVEAL_PER_FRAME;
        }
        return (int) Math.min(REVEAL_PER_FRAME, Math.max(REVEAL_PER_FRAME_SCALED,
                Math.round(REVEAL_PER_FRAME_SCALED / (scale * scale))));
    }

    private final ZoomPan view;
    private final SkinLayers skins;
    private final FlowRaster raster;
    private final PictureCurtain curtain;
    private final Runnable requestLayout;
    /** How many strips of the reveal are uncovered; -1 when no reveal is under way. */
    private int revealStep = -1;
    /** Whether the reveal uncovers skins over the held moving picture (a few per frame) rather than a curtain. */
    private boolean revealOverHeld;
    /** The settled view's picture has been asked of the worker and is not shown yet. */
    private boolean settledOnWorker;

    SkinReveal(ZoomPan view, SkinLayers skins, FlowRaster raster, Runnable requestLayout) {
        this.view = view;
        this.skins = skins;
        this.raster = raster;
        this.curtain = raster.curtain();
        this.requestLayout = requestLayout;
    }

    /** Whether skins are still being uncovered under the last moving picture. */
    boolean revealing() {
        return revealStep >= 0;
    }

    /** The view moved or its content changed: a settled picture asked of the worker is no longer the one wanted. */
    void forgetSettledPicture() {
        settledOnWorker = false;
    }

    /**
     * Whether the picture of cards shown is one of exactly the settled view {@code frame} (placed there), so that the
     * skins can be revealed over it. The last moving picture is one when the view stopped where it was painted, or
     * moved from there by whole pixels (a pan); otherwise (a zoom whose last picture is still on the worker, a pan by
     * fractions of a pixel) the worker paints one while the last one stays in place: either way the settle frame
     * paints nothing on the FX thread (painting the whole view there cost 15–23 ms of its CPU).
     */
    boolean settledPicture(FlowRaster.Frame frame) {
        if (!raster.paintingLater() && raster.showsExactly(view, frame.width(), frame.height())) {
            settledOnWorker = false;
            return true;
        }
        if (!settledOnWorker || !raster.paintingLater()) {
            // a moving picture still on the worker is dropped; this one is asked for again only if it was dropped
            raster.paintLaterInstead(frame, FlowRaster.ZOOM_MARGIN);
            settledOnWorker = true;
        }
        raster.place(view, frame.width(), frame.height());
        return false;
    }

    /**
     * Starts uncovering the skins over the moving picture of this very view, which stays under them: its cards are
     * hidden by theirs, its edges are the plain edges the skins leave to the picture.
     */
    void startOverHeldPicture() {
        skins.hideAll();
        curtain.holdUnderSkins();
        revealStep = 0;
        revealOverHeld = true;
        Platform.runLater(requestLayout);
    }

    /** Starts uncovering the skins under the picture of cards, which stays on top as a curtain over the next frames. */
    void startUnderCurtain() {
        skins.hideAll();
        curtain.raise();
        revealStep = 0;
        revealOverHeld = false;
        Platform.runLater(requestLayout);
    }

    /** Uncovers the next skins (or the next strip of a canvas {@code width} wide) of the view {@code viewport}. */
    void revealNextStrip(double width, Bounds viewport) {
        revealStep++;
        if (revealOverHeld) {
            if (skins.revealNext(revealPerFrame(view.scale().get()), viewport)) {
                endReveal();
            } else {
                Platform.runLater(requestLayout);
            }
            return;
        }
        double x = width * revealStep / REVEAL_STEPS;
        skins.revealLeftOf(view.toWorld(x, 0).getX());
        curtain.lowerTo(x);
        if (revealStep >= REVEAL_STEPS) {
            endReveal();
        } else {
            Platform.runLater(requestLayout);
        }
    }

    /** Shows every skin and takes the curtain away: the reveal is over, or something changed under it. */
    void endReveal() {
        if (revealStep >= 0) {
            revealStep = -1;
            skins.showAll();
            curtain.drop();
        }
    }
}
