package dev.baton.ui.canvas;

import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.transform.Affine;

/**
 * The last moving picture kept over (or under) the skins while a crowded view's skins are revealed strip by strip,
 * with the texts that belong to it: the software renderer then paints one strip of skins per frame instead of all in
 * one. The picture layer shows the picture; this is where it stays while the skins come.
 */
final class PictureCurtain {

    /** The last moving picture, above the skins while they are revealed strip by strip (see {@link #raise}). */
    private final ImageView curtain = new ImageView();
    private final Affine curtainPlace = new Affine();
    private final ImageView image;
    private final Affine imagePlace;
    private final PictureTexts texts;
    private boolean curtainUp;
    private int paintsUnderCurtain;
    /** The moving picture is held under the skins of the same view (see {@link #holdUnderSkins}). */
    private boolean held;

    PictureCurtain(ImageView image, Affine imagePlace, PictureTexts texts) {
        this.image = image;
        this.imagePlace = imagePlace;
        this.texts = texts;
        curtain.setMouseTransparent(true);
        curtain.setManaged(false);
        curtain.setVisible(false);
        curtain.getTransforms().setAll(curtainPlace);
    }

    /** The node the canvas stacks over the world. */
    ImageView view() {
        return curtain;
    }

    /** Whether a curtain is up (raised over the skins, or a picture held under them). */
    boolean up() {
        return curtainUp;
    }

    /**
     * Covers the canvas with the picture shown now (and keeps its texts), so that the skins can be revealed under it
     * strip by strip: the software renderer then paints one strip of skins per frame instead of all in one.
     */
    void raise() {
        curtain.setImage(image.getImage());
        curtain.setViewport(null);
        curtain.setX(0);
        curtainPlace.setToTransform(imagePlace);
        curtain.setVisible(curtain.getImage() != null);
        curtainUp = true;
        texts.overCurtain();
        paintsUnderCurtain = 0;
    }

    /** Uncovers the canvas left of screen x {@code x}: only what is right of it still shows the old picture. */
    void lowerTo(double x) {
        Image shown = curtain.getImage();
        if (curtainUp && shown == null) {
            return; // held under the skins: the texts lie under them too
        }
        if (!curtainUp) {
            return;
        }
        // screen x into the picture's pixels: the picture may have followed the view since it was painted
        double from = Math.max(0, Math.min((x - curtainPlace.getTx()) / curtainPlace.getMxx(), shown.getWidth()));
        if (from >= shown.getWidth()) {
            curtain.setVisible(false);
        } else {
            // a viewport, not a clip: it dirties only what is uncovered, and blits without a mask
            curtain.setViewport(new Rectangle2D(from, 0, shown.getWidth() - from, shown.getHeight()));
            curtain.setX(from);
        }
        texts.fadeLeftOf(from);
    }

    /**
     * Keeps the picture shown now (a moving picture of cards, edges and texts) as it is, under the skins of the same
     * view revealed over it strip by strip: the card skins cover its cards, its texts go with {@link #lowerTo}.
     * Unlike {@link #raise} nothing lies over the skins, so a strip repaints only the cards it uncovers, not the whole
     * rest of the curtain; the picture is painted anew (without cards) at the next change of the view.
     */
    void holdUnderSkins() {
        curtain.setImage(null);
        curtain.setVisible(false);
        curtainUp = true;
        held = true;
        paintsUnderCurtain = 0;
    }

    /** Takes the curtain away (the skins are all shown), with the texts that belonged to its picture. */
    void drop() {
        if (!curtainUp) {
            return;
        }
        curtainUp = false;
        curtain.setVisible(false);
        curtain.setImage(null);
        if (held) {
            // the skins cover the texts: changing them all would repaint the whole view for nothing; the next
            // picture hides or reuses them
            held = false;
            return;
        }
        // the texts of the old picture go transparent; the next picture hides or reuses them
        texts.fadeAll();
        texts.underSkins();
    }

    /**
     * A picture is about to be shown: the curtain shows the previous picture, whose pixels the second paint from now
     * would overwrite; and a moving picture ({@code underSkins} false) replaces the skins anyway.
     */
    void beforePaint(boolean underSkins) {
        if (curtainUp && (!underSkins || paintsUnderCurtain++ > 0)) {
            drop();
        }
    }
}
