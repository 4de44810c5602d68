package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.ui.canvas.SpatialIndex.PlacedEdge;
import dev.baton.ui.canvas.SpatialIndex.PlacedNode;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.NodeLook;
import dev.baton.ui.canvas.geometry.ZoomPan;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Two pictures in turn: the render thread may still read the last one while the next is painted. */
    private final PixelPainter[] painters = {new PixelPainter(), new PixelPainter()};
    private final WritableImage[] targets = new WritableImage[2];
    private final PixelBuffer<?>[] shared = new PixelBuffer<?>[2];
    private PixelPainter painter = painters[0];
    private final ImageView image = new ImageView();
    /** The last moving picture, above the skins while they are revealed strip by strip (see {@link #raiseCurtain}). */
    private final ImageView curtain = new ImageView();
    private boolean curtainUp;
    private int paintsUnderCurtain;
    private final Group text = new Group();
    /**
     * Where the texts lie: under the skins, so that a card skin uncovered over the picture hides its texts without
     * touching them (fading a strip's texts changed more than 12 of the group's children in one frame, and the
     * software renderer then repaints the whole view); over the curtain only while one is up, since it covers skins.
     */
    private final Group textUnder = new Group(text);
    private final Group textOver = new Group();
    /** The moving picture is held under the skins of the same view (see {@link #holdUnderSkins}). */
    private boolean held;
    private final List<Text> textPool = new ArrayList<>();
    private int textsUsed;
    private final RasterStyles styles;
    private final Map<String, Font> fonts = new HashMap<>();
    private int paints;
    private int pictured;

    FlowRaster(RasterStyles styles) {
        this.styles = styles;
        image.setMouseTransparent(true);
        image.setManaged(false);
        for (Group g : new Group[] {text, textUnder, textOver}) {
            g.setMouseTransparent(true);
            g.setManaged(false);
        }
        curtain.setMouseTransparent(true);
        curtain.setManaged(false);
        curtain.setVisible(false);
    }

    ImageView curtain() {
        return curtain;
    }

    boolean curtainUp() {
        return curtainUp;
    }

    /**
     * Covers the canvas with the picture shown now (and keeps its texts), so that the skins can be revealed under it
     * strip by strip: the software renderer then paints one strip of skins per frame instead of all in one.
     */
    void raiseCurtain() {
        curtain.setImage(image.getImage());
        curtain.setViewport(null);
        curtain.setX(0);
        curtain.setVisible(curtain.getImage() != null);
        curtainUp = true;
        textOver.getChildren().setAll(text);
        paintsUnderCurtain = 0;
    }

    /** Uncovers the canvas left of screen x {@code x}: only what is right of it still shows the old picture. */
    void lowerCurtainTo(double x) {
        javafx.scene.image.Image shown = curtain.getImage();
        if (curtainUp && shown == null) {
            return; // held under the skins: the texts lie under them too
        }
        if (!curtainUp) {
            return;
        }
        double from = Math.max(0, Math.min(x, shown.getWidth()));
        if (from >= shown.getWidth()) {
            curtain.setVisible(false);
        } else {
            // a viewport, not a clip: it dirties only what is uncovered, and blits without a mask
            curtain.setViewport(new javafx.geometry.Rectangle2D(from, 0, shown.getWidth() - from,
                    shown.getHeight()));
            curtain.setX(from);
        }
        fadeTextsLeftOf(from);
    }

    /**
     * Keeps the picture shown now (a moving picture of cards, edges and texts) as it is, under the skins of the same
     * view revealed over it strip by strip: the card skins cover its cards, its texts go with {@link #lowerCurtainTo}.
     * Unlike {@link #raiseCurtain} nothing lies over the skins, so a strip repaints only the cards it uncovers, not
     * the whole rest of the curtain; the picture is painted anew (without cards) at the next change of the view.
     */
    void holdUnderSkins() {
        curtain.setImage(null);
        curtain.setVisible(false);
        curtainUp = true;
        held = true;
        paintsUnderCurtain = 0;
    }

    private void fadeTextsLeftOf(double x) {
        for (Text t : textPool) {
            // transparent, not invisible: see SkinLayers.hideAll
            if (t.isVisible() && t.getOpacity() > 0 && t.getBoundsInParent().getMinX() < x) {
                t.setOpacity(0);
            }
        }
    }

    /** Takes the curtain away (the skins are all shown), with the texts that belonged to its picture. */
    void dropCurtain() {
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
        for (Text t : textPool) {
            t.setOpacity(0);
        }
        textUnder.getChildren().setAll(text);
    }

    ImageView image() {
        return image;
    }

    /** The texts' place under the skins (the canvas stacks it between the picture and the world). */
    Group text() {
        return textUnder;
    }

    /** The texts' place over the curtain (the canvas stacks it over the curtain). */
    Group textOverCurtain() {
        return textOver;
    }

    /** The group of the picture's texts (tests: where it lies, which texts changed). */
    Group texts() {
        return text;
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

    void paint(Frame f) {
        // the curtain shows the previous picture, whose pixels the second paint from now would overwrite; and a
        // moving picture replaces the skins anyway
        if (curtainUp && (!f.detail().underSkins() || paintsUnderCurtain++ > 0)) {
            dropCurtain();
        }
        paints++;
        int w = Math.max(1, f.width());
        int h = Math.max(1, f.height());
        int turn = paints % 2;
        painter = painters[turn];
        int[] before = painter.pixels();
        painter.resize(w, h);
        if (targets[turn] == null || painter.pixels() != before) {
            // the image shares the painter's pixels: no copy and no format conversion per frame
            PixelBuffer<IntBuffer> buffer = new PixelBuffer<>(w, h, IntBuffer.wrap(painter.pixels()),
                    PixelFormat.getIntArgbPreInstance());
            shared[turn] = buffer;
            targets[turn] = new WritableImage(buffer);
        }
        painter.fill(f.background());
        grid(f.view());
        boolean texts = f.detail() == Detail.CARDS;
        textsUsed = 0;
        pictured = 0;
        if (f.detail() != Detail.GRID) {
            double s = f.view().scale().get();
            Point2D a = f.view().toWorld(0, 0);
            Bounds world = new BoundingBox(a.getX(), a.getY(), w / s, h / s);
            boolean edgesOnly = f.detail() == Detail.EDGES;
            for (PlacedEdge e : f.index().edgesIn(world)) {
                // an edge with a skin of its own is drawn by it (a dimmed or selected one must not show twice)
                if (!edgesOnly || !f.skinned().test(e.edge())) {
                    edge(e, f);
                    pictured++;
                }
            }
            if (edgesOnly) {
                if (!curtainUp) {
                    hideUnusedTexts();
                }
                finish(turn);
                return;
            }
            List<PlacedNode> nodes = f.index().nodesIn(world);
            for (PlacedNode n : nodes) {
                card(n, f);
            }
            if (texts) {
                for (PlacedNode n : nodes) {
                    texts(n, f);
                }
            }
        }
        if (!curtainUp) {
            // under a curtain the texts of its picture stay until their strip is uncovered
            hideUnusedTexts();
        }
        finish(turn);
    }

    private void finish(int turn) {
        shared[turn].updateBuffer(b -> null);
        image.setImage(targets[turn]);
    }

    /** How many edges the last picture drew (tests: a crowded view draws its plain edges here, not as skins). */
    int picturedEdges() {
        return pictured;
    }

    private void grid(ZoomPan view) {
        double s = view.scale().get();
        double step = NodeGeometry.GRID * s;
        while (step < 12) {
            step *= 5;
        }
        Point2D origin = view.toScreen(0, 0);
        double startX = origin.getX() % step;
        double startY = origin.getY() % step;
        int colour = styles.grid();
        double alpha = styles.gridAlpha();
        for (double x = startX < 0 ? startX + step : startX; x < painter.width(); x += step) {
            painter.columnLine((int) Math.floor(x), colour, alpha);
        }
        for (double y = startY < 0 ? startY + step : startY; y < painter.height(); y += step) {
            painter.rowLine((int) Math.floor(y), colour, alpha);
        }
    }

    private static RasterStyles.State state(String id, Frame f) {
        if (f.invalid().contains(id)) {
            return RasterStyles.State.INVALID;
        }
        return f.selection().contains(id) ? RasterStyles.State.SELECTED : RasterStyles.State.PLAIN;
    }

    private void edge(PlacedEdge placed, Frame f) {
        EdgeKind kind = placed.edge().kind();
        RasterStyles.Line style = styles.line(kind, state(placed.edge().id(), f));
        EdgeRouting.Route r = EdgeRouting.of(kind, placed.from(), placed.to());
        ZoomPan view = f.view();
        double s = view.scale().get();
        Point2D a = view.toScreen(r.a().getX(), r.a().getY());
        Point2D b = view.toScreen(r.b().getX(), r.b().getY());
        double width = Math.max(0.8, style.width() * s);
        double[] dash = style.dash() == null || (style.dash()[0] + style.dash()[1]) * s < 4 ? null
                : new double[] {style.dash()[0] * s, style.dash()[1] * s};
        // a dash pattern too fine to see reads as a lighter line
        double alpha = style.alpha() * (style.dash() != null && dash == null ? 0.6 : 1);
        if (f.detail() == Detail.OVERVIEW) {
            painter.line(a.getX(), a.getY(), b.getX(), b.getY(), width, style.colour(), alpha * 0.8, dash, 0);
            return;
        }
        double dist = EdgeRouting.controlDistance(r) * s;
        double c1x = a.getX() + r.da().getX() * dist;
        double c1y = a.getY() + r.da().getY() * dist;
        double c2x = b.getX() + r.db().getX() * dist;
        double c2y = b.getY() + r.db().getY() * dist;
        double approx = a.distance(c1x, c1y) + Math.hypot(c2x - c1x, c2y - c1y) + b.distance(c2x, c2y);
        int segments = (int) Math.max(2, Math.min(32, approx / 12));
        double px = a.getX();
        double py = a.getY();
        double phase = 0;
        for (int i = 1; i <= segments; i++) {
            double t = (double) i / segments;
            double u = 1 - t;
            double x = u * u * u * a.getX() + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * b.getX();
            double y = u * u * u * a.getY() + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * b.getY();
            phase = painter.line(px, py, x, y, width, style.colour(), alpha, dash, phase);
            px = x;
            py = y;
        }
        // the arrowhead at b, pointing along the arrival direction, as EdgeSkin draws it
        Point2D dir = r.db().multiply(-1).normalize();
        double sideX = -dir.getY() * 5.5 * s;
        double sideY = dir.getX() * 5.5 * s;
        double baseX = b.getX() - dir.getX() * 11 * s;
        double baseY = b.getY() - dir.getY() * 11 * s;
        painter.fillTriangle(b.getX(), b.getY(), baseX + sideX, baseY + sideY, baseX - sideX, baseY - sideY,
                style.colour(), style.alpha());
    }

    private void card(PlacedNode placed, Frame f) {
        AgentNode node = placed.node();
        RasterStyles.Card plain = styles.card(node.kind(), RasterStyles.State.PLAIN);
        RasterStyles.Card look = styles.card(node.kind(), state(node.id(), f));
        double s = f.view().scale().get();
        Point2D at = f.view().toScreen(placed.at().x(), placed.at().y());
        double x = at.getX();
        double y = at.getY();
        double w = NodeGeometry.WIDTH * s;
        double h = NodeGeometry.HEIGHT * s;
        double r = look.radius() * s;
        if (f.detail() == Detail.OVERVIEW) {
            // a block in the kind's colour; a selected or invalid one gets a frame in that state's colour
            if (look == plain) {
                painter.fillRoundRect(x, y, w, h, r, plain.accent(), 1);
            } else {
                double frame = Math.max(1.5, 2 * s);
                painter.fillRoundRect(x - frame, y - frame, w + 2 * frame, h + 2 * frame, r + frame, look.border(), 1);
                painter.fillRoundRect(x, y, w, h, r, plain.accent(), 1);
            }
            return;
        }
        double accent = look.accentWidth() * s;
        double border = look.borderWidth() * s;
        painter.fillRoundRect(x, y, w, h, r, look.accent(), 1);
        painter.fillRoundRect(x + accent, y, w - accent, h, r, look.border(), 1);
        painter.fillRoundRect(x + accent, y + border, w - accent - border, h - 2 * border, Math.max(0, r - border),
                look.background(), 1);
    }

    private void texts(PlacedNode placed, Frame f) {
        AgentNode node = placed.node();
        RasterStyles.Card look = styles.card(node.kind(), state(node.id(), f));
        double s = f.view().scale().get();
        Point2D at = f.view().toScreen(placed.at().x(), placed.at().y());
        text(look.caption(), NodeLook.of(node.kind()).caption(), at, s);
        text(look.name(), node.name().isBlank() ? node.id() : node.name(), at, s);
        text(look.role(), node.role().isBlank() ? node.goal() : node.role(), at, s);
    }

    private void text(RasterStyles.Text style, String value, Point2D card, double s) {
        if (value.isEmpty()) {
            return;
        }
        // sizes in quarter pixels: each size is a glyph cache of its own, and a zoom passes through many
        double size = Math.round(style.font().getSize() * s * 4) / 4.0;
        if (size < 4) {
            return;
        }
        Font font = fonts.computeIfAbsent(style.font().getName() + "@" + size, k -> new Font(style.font().getName(),
                size));
        // no ellipsis while moving: an estimate of what fits keeps long names roughly inside their card
        int fits = (int) (style.maxWidth() / (style.font().getSize() * 0.58));
        String shown = value.length() > fits ? value.substring(0, Math.max(1, fits - 1)) + "…" : value;
        if (textsUsed == textPool.size()) {
            Text t = new Text();
            t.setTextOrigin(VPos.BASELINE);
            t.setManaged(false);
            textPool.add(t);
            text.getChildren().add(t);
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
        t.setTranslateX(card.getX() + style.x() * s);
        t.setTranslateY(card.getY() + style.baseline() * s);
        if (!t.isVisible()) {
            t.setVisible(true);
        }
        if (t.getOpacity() < 1) {
            t.setOpacity(1);
        }
    }

    private void hideUnusedTexts() {
        for (int i = textsUsed; i < textPool.size(); i++) {
            textPool.get(i).setVisible(false);
        }
        // a pool far larger than needed (after a zoom in) is trimmed, so that hidden texts do not pile up
        if (textPool.size() > 2 * textsUsed + 64) {
            text.getChildren().remove(textsUsed, textPool.size());
            textPool.subList(textsUsed, textPool.size()).clear();
        }
    }
}
