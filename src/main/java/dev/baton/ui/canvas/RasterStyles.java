package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Path;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The colours, widths and fonts the raster draws with, read from hidden probe skins styled by app.css and the theme:
 * colours stay in CSS, and the raster looks like the skins it stands in for (light or dark).
 */
final class RasterStyles {

    /** What a card looks like in one state; its three texts as the skin lays them out. */
    record Card(int background, int border, double borderWidth, int accent, double accentWidth, double radius,
                Text name, Text role, Text caption) {
    }

    /**
     * The card's kind icon as an SVG path in card units (the icon font's glyph outline, so that an SVG export shows it
     * without the font), with its colour; null when the skin has none.
     */
    record Icon(String svgPath, Paint fill) {
    }

    /** One label of a card: font, colour, baseline position in card units and the width it may use. */
    record Text(Font font, Paint fill, double x, double baseline, double maxWidth) {
    }

    /** What an edge looks like in one state; {@code dash} is null for a solid line. */
    record Line(int colour, double alpha, double width, double[] dash) {
    }

    /** The states the raster tells apart. */
    enum State { PLAIN, SELECTED, INVALID }

    private final Group probes = new Group();
    private final Path gridProbe = new Path();
    private final Map<NodeKind, Map<State, NodeSkin>> nodeProbes = new EnumMap<>(NodeKind.class);
    private final Map<EdgeKind, Map<State, EdgeSkin>> edgeProbes = new EnumMap<>(EdgeKind.class);
    private final Map<NodeKind, Map<State, Card>> cards = new EnumMap<>(NodeKind.class);
    private final Map<EdgeKind, Map<State, Line>> lines = new EnumMap<>(EdgeKind.class);
    private int grid;
    private double gridAlpha;

    RasterStyles() {
        probes.setVisible(false);
        probes.setManaged(false);
        probes.setMouseTransparent(true);
        gridProbe.getStyleClass().add("canvas-grid");
        probes.getChildren().add(gridProbe);
    }

    /** Skins as probes cost a little: they are made the first time the picture draws cards. */
    private void makeCardProbes() {
        for (NodeKind kind : NodeKind.values()) {
            Map<State, NodeSkin> byState = new EnumMap<>(State.class);
            for (State s : State.values()) {
                NodeSkin skin = new NodeSkin(AgentNode.of("probe", kind, "Probe").withRole("Probe role"),
                        ModelRef.SIMULATED_DEFAULT);
                skin.setSelected(s == State.SELECTED);
                skin.setInvalid(s == State.INVALID);
                byState.put(s, skin);
                probes.getChildren().add(skin);
            }
            nodeProbes.put(kind, byState);
        }
        for (EdgeKind kind : EdgeKind.values()) {
            Map<State, EdgeSkin> byState = new EnumMap<>(State.class);
            for (State s : State.values()) {
                EdgeSkin view = new EdgeSkin(probeEdge(kind));
                view.setSelected(s == State.SELECTED);
                view.setInvalid(s == State.INVALID);
                byState.put(s, view);
                probes.getChildren().add(view);
            }
            edgeProbes.put(kind, byState);
        }
    }

    /** The hidden probes; they must sit in the canvas's scene for the stylesheets to reach them. */
    Node probes() {
        return probes;
    }

    /** True when the card and edge styles have been read. */
    boolean hasCards() {
        return !cards.isEmpty();
    }

    /** Re-reads every style (after a theme change); {@code withCards} also reads (and first makes) the card probes. */
    void refresh(boolean withCards) {
        if (withCards && nodeProbes.isEmpty()) {
            makeCardProbes();
        }
        probes.applyCss();
        grid = rgb(gridProbe.getStroke(), 0xd0d7de);
        gridAlpha = alpha(gridProbe.getStroke()) * Math.min(1, gridProbe.getStrokeWidth());
        nodeProbes.forEach((kind, byState) -> {
            Map<State, Card> read = new EnumMap<>(State.class);
            byState.forEach((s, skin) -> read.put(s, card(skin)));
            cards.put(kind, read);
        });
        edgeProbes.forEach((kind, byState) -> {
            Map<State, Line> read = new EnumMap<>(State.class);
            byState.forEach((s, view) -> read.put(s, line(view)));
            lines.put(kind, read);
        });
    }

    int grid() {
        return grid;
    }

    double gridAlpha() {
        return gridAlpha;
    }

    Card card(NodeKind kind, State state) {
        return cards.get(kind).get(state);
    }

    Line line(EdgeKind kind, State state) {
        return lines.get(kind).get(state);
    }

    private static Card card(NodeSkin skin) {
        Region card = (Region) skin.lookup(".node-card");
        int background = 0xffffff;
        double radius = 8;
        if (card.getBackground() != null && !card.getBackground().getFills().isEmpty()) {
            background = rgb(card.getBackground().getFills().get(0).getFill(), background);
            radius = card.getBackground().getFills().get(0).getRadii().getTopLeftHorizontalRadius();
        }
        int border = 0xd0d7de;
        int accent = border;
        double borderWidth = 1;
        double accentWidth = 1;
        if (card.getBorder() != null && !card.getBorder().getStrokes().isEmpty()) {
            BorderStroke stroke = card.getBorder().getStrokes().get(0);
            border = rgb(stroke.getTopStroke(), border);
            accent = rgb(stroke.getLeftStroke(), border);
            borderWidth = stroke.getWidths().getTop();
            accentWidth = stroke.getWidths().getLeft();
        }
        skin.layout();
        return new Card(background, border, borderWidth, accent, accentWidth, radius,
                text(skin, ".node-name"), text(skin, ".node-role"), text(skin, ".node-caption"));
    }

    /**
     * The kind's icon as the plain card draws it, for an SVG export; made on demand, not with the styles the canvas's
     * picture reads (a glyph outline is a shape operation the picture never needs). Null when the probes are not made.
     */
    Icon icon(NodeKind kind) {
        Map<State, NodeSkin> byState = nodeProbes.get(kind);
        return byState == null || byState.get(State.PLAIN) == null ? null : icon(byState.get(State.PLAIN));
    }

    /** The outline of the skin's kind icon (a glyph of the icon font) placed as the skin lays it out. */
    private static Icon icon(NodeSkin skin) {
        if (!(skin.lookup(".node-icon") instanceof javafx.scene.text.Text glyph)) {
            return null;
        }
        // a shape operation gives the outline in scene coordinates (every transform above the glyph applied):
        // move it to the card's own
        Shape outline = Shape.subtract(glyph, new javafx.scene.shape.Rectangle(0, 0, 0, 0));
        if (!(outline instanceof javafx.scene.shape.Path path) || path.getElements().isEmpty()) {
            return null;
        }
        javafx.geometry.Point2D card = skin.localToScene(0, 0);
        return new Icon(SvgPaths.of(path, -card.getX(), -card.getY()), glyph.getFill());
    }

    private static Text text(NodeSkin skin, String selector) {
        Label label = (Label) skin.lookup(selector);
        double x = 0;
        double y = 0;
        for (Node n = label; n != skin && n != null; n = n.getParent()) {
            x += n.getLayoutX();
            y += n.getLayoutY();
        }
        return new Text(label.getFont(), label.getTextFill(), x + label.getPadding().getLeft(),
                y + label.getBaselineOffset(), Math.max(20, NodeGeometry.WIDTH - x - 8));
    }

    private static Line line(EdgeSkin view) {
        Shape curve = (Shape) view.lookup(".edge-line");
        List<Double> dashes = curve.getStrokeDashArray();
        double[] dash = null;
        if (dashes.size() >= 2) {
            // the raster draws one on/off pair: the sum of the "on" lengths against the sum of the "off" ones
            double on = 0;
            double off = 0;
            for (int i = 0; i < dashes.size(); i++) {
                if (i % 2 == 0) {
                    on += dashes.get(i);
                } else {
                    off += dashes.get(i);
                }
            }
            dash = new double[] {on, off};
        }
        return new Line(rgb(curve.getStroke(), 0x656d76), alpha(curve.getStroke()), curve.getStrokeWidth(), dash);
    }

    private static Edge probeEdge(EdgeKind kind) {
        return switch (kind) {
            case NEXT -> Edge.next("probe", "a", "b");
            case DELEGATES -> Edge.delegates("probe", "a", "b");
            case HANDOFF -> Edge.handoff("probe", "a", "b");
            case ROUTE -> Edge.route("probe", "a", "b", null);
            case REVIEWS -> Edge.reviews("probe", "a", "b", null);
        };
    }

    private static int rgb(Paint paint, int fallback) {
        if (paint instanceof Color c) {
            return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                    | (int) Math.round(c.getBlue() * 255);
        }
        return fallback;
    }

    private static double alpha(Paint paint) {
        return paint instanceof Color c ? c.getOpacity() : 1;
    }
}
