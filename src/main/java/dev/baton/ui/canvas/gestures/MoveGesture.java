package dev.baton.ui.canvas.gestures;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Position;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.document.command.MoveNodes;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseEvent;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Drags the selected nodes. While dragging only the skins move (through a preview map the canvas draws); the
 * {@link MoveNodes} command is pushed once on release, so one drag is one undo step.
 */
public final class MoveGesture implements Gesture {

    private final FlowDocument document;
    private final Function<MouseEvent, Point2D> toWorld;
    private final Consumer<Map<String, Position>> preview;
    private final boolean snap;
    private final Point2D start;
    private final double pressX;
    private final double pressY;
    private boolean dragging;
    private final Map<String, Position> before = new LinkedHashMap<>();
    private Map<String, Position> after = Map.of();

    public MoveGesture(FlowDocument document, MouseEvent pressed, Function<MouseEvent, Point2D> toWorld,
                       Consumer<Map<String, Position>> preview, boolean snap) {
        this.document = document;
        this.toWorld = toWorld;
        this.preview = preview;
        this.snap = snap;
        this.start = toWorld.apply(pressed);
        this.pressX = pressed.getX();
        this.pressY = pressed.getY();
        for (String id : document.selectedNodeIds()) {
            document.flow().node(id).map(AgentNode::position).ifPresent(p -> before.put(id, p));
        }
    }

    @Override
    public String name() {
        return "MOVE";
    }

    @Override
    public void dragged(MouseEvent e) {
        // a click is not a move: without this a click would snap the node to the grid and add an undo step
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) < 3) {
            return;
        }
        dragging = true;
        Point2D now = toWorld.apply(e);
        double dx = now.getX() - start.getX();
        double dy = now.getY() - start.getY();
        Map<String, Position> moved = new HashMap<>();
        before.forEach((id, p) -> {
            double x = p.x() + dx;
            double y = p.y() + dy;
            moved.put(id, snap ? new Position(NodeGeometry.snap(x), NodeGeometry.snap(y)) : new Position(x, y));
        });
        after = moved;
        preview.accept(after);
    }

    @Override
    public void released(MouseEvent e) {
        dragged(e);
        preview.accept(Map.of());
        if (!after.isEmpty() && !after.equals(before)) {
            document.execute(new MoveNodes(before, after));
        }
    }

    @Override
    public void cancel() {
        preview.accept(Map.of());
    }
}
