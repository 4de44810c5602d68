package dev.baton.ui.palette;

import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import javafx.geometry.Point2D;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The canvas as the palette's drop target: while a template is dragged over the canvas a translucent card (the
 * ghost) shows where it will land, snapped when snapping is on, and the drop creates the node exactly there.
 */
public final class PaletteDrop implements PaletteView.DropTarget {

    private final FlowCanvas canvas;
    private final BooleanSupplier canvasShown;
    private final BiConsumer<AgentTemplate, Point2D> add;

    /**
     * @param canvasShown false while the welcome pane stands where the canvas goes
     * @param add         creates the node from the template centred on a world point
     */
    public PaletteDrop(FlowCanvas canvas, BooleanSupplier canvasShown, BiConsumer<AgentTemplate, Point2D> add) {
        this.canvas = canvas;
        this.canvasShown = canvasShown;
        this.add = add;
    }

    @Override
    public void hover(AgentTemplate template, Point2D scenePoint) {
        landing(scenePoint).ifPresentOrElse(p -> canvas.showGhost(template.prototype(), p), canvas::hideGhost);
    }

    @Override
    public void endHover() {
        canvas.hideGhost();
    }

    @Override
    public boolean drop(AgentTemplate template, Point2D scenePoint) {
        Optional<Position> at = landing(scenePoint);
        // the adder centres the card on the point it gets (and snaps its corner): the ghost's centre puts it on the
        // ghost's corner again
        at.ifPresent(p -> add.accept(template, new Point2D(p.x() + NodeGeometry.WIDTH / 2,
                p.y() + NodeGeometry.HEIGHT / 2)));
        return at.isPresent();
    }

    private Optional<Position> landing(Point2D scenePoint) {
        return canvasShown.getAsBoolean() ? canvas.dropPosition(scenePoint.getX(), scenePoint.getY())
                : Optional.empty();
    }
}
