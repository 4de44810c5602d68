package dev.baton.ui.canvas;

import dev.baton.flow.Edge;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.canvas.skins.NodeSkin;
import dev.baton.ui.document.FlowDocument;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseEvent;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which edges of a crowded view stay lines in the picture ({@link FlowRaster.Detail#EDGES}) and which come out of it
 * as skins: the picture has no labels, states, tooltips or clicks, so an edge that is selected, invalid, labelled,
 * hovered, has a breakpoint or takes part in the run shown gets a skin; the hover and the click find pictured edges
 * through the spatial index.
 */
final class PicturedEdges {

    /** How near (world units) the pointer must come to a pictured edge's curve: the skins' hit area is 10 wide. */
    static final double REACH = 5;

    private final FlowCanvas canvas;
    private final CanvasRenderer renderer;
    private final FlowDocument document;
    private final RunDecorations run;
    private final Supplier<Set<String>> invalid;
    private final Supplier<Map<String, Position>> preview;
    private String hovered;

    PicturedEdges(FlowCanvas canvas, CanvasRenderer renderer, FlowDocument document, RunDecorations run,
                  Supplier<Set<String>> invalid, Supplier<Map<String, Position>> preview) {
        this.canvas = canvas;
        this.renderer = renderer;
        this.document = document;
        this.run = run;
        this.invalid = invalid;
        this.preview = preview;
        run.onEdgeNeedsSkin(() -> changed(true));
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> setHovered(null));
    }

    /** Whether the edge needs a skin of its own while the plain ones are drawn in the picture. */
    boolean needsSkin(Edge e) {
        return document.selection().contains(e.id()) || invalid.get().contains(e.id()) || e.id().equals(hovered)
                || run.needsSkin(e.id()) || !EdgeSkin.describe(e).isEmpty();
    }

    /** The edge drawn in the picture at the world point (within {@link #REACH} of its curve), if any. */
    Optional<String> at(Point2D world) {
        if (renderer.detail() != FlowRaster.Detail.EDGES) {
            return Optional.empty();
        }
        return renderer.ensureIndex(document.flow(), preview.get()).edgeAt(world, REACH).map(Edge::id);
    }

    /** The edge under the pointer comes out of the picture, so that it hovers (tooltip, cursor) as a skin does. */
    private void hover(MouseEvent e) {
        if (renderer.detail() != FlowRaster.Detail.EDGES) {
            setHovered(null);
            return;
        }
        for (Node n = e.getPickResult().getIntersectedNode(); n != null && n != canvas; n = n.getParent()) {
            if (n instanceof EdgeSkin) {
                return; // on the skin already: it keeps it
            }
            if (n instanceof NodeSkin) {
                setHovered(null);
                return;
            }
        }
        setHovered(at(canvas.view().toWorld(e.getX(), e.getY())).orElse(null));
    }

    private void setHovered(String id) {
        if (!Objects.equals(id, hovered)) {
            hovered = id;
            // the hovered skin covers its line exactly: no repaint of the whole view for a hover
            changed(false);
        }
    }

    private void changed(boolean picture) {
        renderer.edgesChanged(picture);
        canvas.requestLayout();
    }
}
