package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.ui.canvas.FlowRaster.Frame;
import dev.baton.ui.canvas.SpatialIndex.PlacedNode;
import dev.baton.ui.canvas.geometry.NodeLook;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Affine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The card texts of a picture of cards: a pool of plain {@code Text} nodes laid over the picture's pixels (a full-size
 * transparent canvas for them would cost two more full-screen passes a frame), placed with the picture.
 * <p>
 * They lie under the skins, so that a card skin uncovered over the picture hides its texts without touching them
 * (fading a strip's texts changed more than 12 of the group's children in one frame, and the software renderer then
 * repaints the whole view); over the curtain only while one is up, since the curtain covers the skins.
 */
final class PictureTexts {

    private final RasterStyles styles;
    private final Group group = new Group();
    private final Group under = new Group(group);
    private final Group over = new Group();
    private final Affine place = new Affine();
    private final List<Text> textPool = new ArrayList<>();
    private int textsUsed;
    private final Map<String, Font> fonts = new HashMap<>();
    /** The font each text style was last given (see {@link #font}). */
    private final Map<RasterStyles.Text, Font> lastFont = new java.util.IdentityHashMap<>();
    /** Per text style, the values cut to fit and what is shown of them (see {@link #shortened}). */
    private final Map<RasterStyles.Text, Map<String, String>> cuts = new java.util.IdentityHashMap<>();

    PictureTexts(RasterStyles styles) {
        this.styles = styles;
        for (Group g : new Group[] {group, under, over}) {
            g.setMouseTransparent(true);
            g.setManaged(false);
        }
        group.getTransforms().setAll(place);
    }

    /** The texts' place under the skins. */
    Group under() {
        return under;
    }

    /** The texts' place over the curtain. */
    Group over() {
        return over;
    }

    /** The group of texts itself. */
    Group group() {
        return group;
    }

    /** Puts the texts over the curtain (it covers the skins, and the texts belong to its picture). */
    void overCurtain() {
        over.getChildren().setAll(group);
    }

    /** Puts the texts back under the skins. */
    void underSkins() {
        under.getChildren().setAll(group);
    }

    /** Moves the texts with their picture (screen offset of its top-left corner). */
    void place(double x, double y) {
        place.setToTransform(1, 0, x, 0, 1, y);
    }

    /** Starts laying out the texts of a new picture. */
    void begin() {
        textsUsed = 0;
    }

    /** Makes the texts left of picture x {@code x} transparent (their strip of the curtain is uncovered). */
    void fadeLeftOf(double x) {
        for (Text t : textPool) {
            // transparent, not invisible: see SkinLayers.hideAll
            if (t.isVisible() && t.getOpacity() > 0 && t.getBoundsInParent().getMinX() < x) {
                t.setOpacity(0);
            }
        }
    }

    /** Makes every text transparent (the next picture hides or reuses them). */
    void fadeAll() {
        for (Text t : textPool) {
            t.setOpacity(0);
        }
    }

    /** Lays out the three texts of one card of frame {@code f} (after {@link #begin}). */
    void card(PlacedNode placed, Frame f) {
        AgentNode node = placed.node();
        RasterStyles.Card look = styles.card(node.kind(), PictureDrawing.state(node.id(), f));
        double s = f.view().scale().get();
        // where ZoomPan.toScreen puts the card, without a Point2D
        double x = f.view().translateX().get() + placed.at().x() * s;
        double y = f.view().translateY().get() + placed.at().y() * s;
        text(look.caption(), NodeLook.of(node.kind()).caption(), x, y, s);
        text(look.name(), node.name().isBlank() ? node.id() : node.name(), x, y, s);
        text(look.role(), node.role().isBlank() ? node.goal() : node.role(), x, y, s);
    }

    /**
     * The font of {@code style} at {@code size}: remembered per style (within a picture every card asks the same),
     * so that a picture's texts make no key string per text.
     */
    private Font font(RasterStyles.Text style, double size) {
        Font font = lastFont.get(style);
        if (font == null || font.getSize() != size) {
            if (lastFont.size() > 64) {
                // the styles are made anew with each theme: the old ones' entries go
                lastFont.clear();
                cuts.clear();
            }
            font = fonts.computeIfAbsent(style.font().getName() + "@" + size, k -> new Font(style.font().getName(),
                    size));
            lastFont.put(style, font);
        }
        return font;
    }

    /** {@code value} cut to {@code fits} characters with an ellipsis, remembered per style (a picture per frame). */
    private String shortened(RasterStyles.Text style, String value, int fits) {
        if (value.length() <= fits) {
            return value;
        }
        Map<String, String> cut = cuts.computeIfAbsent(style, k -> new HashMap<>());
        String shown = cut.get(value);
        if (shown == null) {
            if (cut.size() > 4096) {
                cut.clear(); // names come and go with edits; a long session must not keep them all
            }
            shown = value.substring(0, Math.max(1, fits - 1)) + "…";
            cut.put(value, shown);
        }
        return shown;
    }

    private void text(RasterStyles.Text style, String value, double cardX, double cardY, double s) {
        if (value.isEmpty()) {
            return;
        }
        // sizes in quarter pixels: each size is a glyph cache of its own, and a zoom passes through many
        double size = Math.round(style.font().getSize() * s * 4) / 4.0;
        if (size < 4) {
            return;
        }
        Font font = font(style, size);
        // no ellipsis while moving: an estimate of what fits keeps long names roughly inside their card
        int fits = (int) (style.maxWidth() / (style.font().getSize() * 0.58));
        String shown = shortened(style, value, fits);
        if (textsUsed == textPool.size()) {
            Text t = new Text();
            t.setTextOrigin(VPos.BASELINE);
            t.setManaged(false);
            textPool.add(t);
            group.getChildren().add(t);
        }
        Text t = textPool.get(textsUsed++);
        if (!shown.equals(t.getText())) {
            t.setText(shown);
        }
        if (t.getFont() != font) {
            t.setFont(font);
        }
        if (t.getFill() != style.fill()) {
            t.setFill(style.fill());
        }
        // moving by translation leaves the text's own geometry (and its glyph layout) alone
        t.setTranslateX(cardX + style.x() * s);
        t.setTranslateY(cardY + style.baseline() * s);
        if (!t.isVisible()) {
            t.setVisible(true);
        }
        if (t.getOpacity() < 1) {
            t.setOpacity(1);
        }
    }

    /** Hides the texts the picture laid out since {@link #begin} did not use. */
    void hideUnused() {
        for (int i = textsUsed; i < textPool.size(); i++) {
            textPool.get(i).setVisible(false);
        }
        // a pool far larger than needed (after a zoom in) is trimmed, so that hidden texts do not pile up
        if (textPool.size() > 2 * textsUsed + 64) {
            group.getChildren().remove(textsUsed, textPool.size());
            textPool.subList(textsUsed, textPool.size()).clear();
        }
    }
}
