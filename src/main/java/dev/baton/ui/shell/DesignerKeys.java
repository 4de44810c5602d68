package dev.baton.ui.shell;

import dev.baton.ui.document.FlowDocument;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.document.command.MoveNodes;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canvas keys that work wherever the focus is on the design surface (the canvas, the palette, the problems
 * list), not only on the canvas: Delete/Backspace removes the selection, F fits the flow, the numpad's + and −
 * zoom, Ctrl+A selects everything,
 * the arrows nudge the selected nodes (one grid step, one unit with Shift). Text fields and every other control
 * (the inspector, the run panel) keep their keys: Delete in the inspector deletes a character.
 */
final class DesignerKeys {

    private final FlowDocument document;
    private final FlowCanvas canvas;
    private final EditActions edits;
    private final List<Node> surfaces;

    /** @param surfaces the panes (besides the canvas) whose focus counts as being on the design surface */
    DesignerKeys(FlowDocument document, FlowCanvas canvas, EditActions edits, List<Node> surfaces) {
        this.document = document;
        this.canvas = canvas;
        this.edits = edits;
        this.surfaces = surfaces;
    }

    /** Listens on the scene before the focused control does, so that a list's own arrows do not win. */
    void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (onSurface(scene.getFocusOwner()) && handle(e)) {
                e.consume();
            }
        });
    }

    private boolean onSurface(Node focus) {
        if (focus == null) {
            return canvas.getScene() != null;
        }
        if (focus instanceof TextInputControl) {
            return false;
        }
        for (Node n = focus; n != null; n = n.getParent()) {
            if (n == canvas || surfaces.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private boolean handle(KeyEvent e) {
        if (canvas.getParent() == null) {
            return false;
        }
        KeyCode code = e.getCode();
        boolean plain = !e.isShortcutDown() && !e.isAltDown();
        if ((code == KeyCode.DELETE || code == KeyCode.BACK_SPACE) && plain) {
            edits.delete();
            return true;
        }
        if (code == KeyCode.F && plain && !e.isShiftDown()) {
            canvas.zoomToFit();
            return true;
        }
        if ((code == KeyCode.ADD || code == KeyCode.SUBTRACT) && plain) { // the numpad's + and − on the canvas
            canvas.zoomBy(code == KeyCode.ADD ? 1.25 : 1 / 1.25);
            return true;
        }
        if (code == KeyCode.A && e.isShortcutDown() && !e.isShiftDown()) { // Ctrl+Shift+A opens the audit browser
            edits.selectAll();
            return true;
        }
        if (code.isArrowKey() && plain) {
            double step = e.isShiftDown() ? 1 : NodeGeometry.GRID;
            double dx = code == KeyCode.LEFT || code == KeyCode.KP_LEFT ? -step
                    : code == KeyCode.RIGHT || code == KeyCode.KP_RIGHT ? step : 0;
            double dy = code == KeyCode.UP || code == KeyCode.KP_UP ? -step
                    : code == KeyCode.DOWN || code == KeyCode.KP_DOWN ? step : 0;
            // with no node selected the arrows stay with the focused control (scrolling, moving in a list)
            return nudge(dx, dy);
        }
        return false;
    }

    /** Moves the selected nodes by (dx, dy) as one undo step; false when no node is selected. */
    boolean nudge(double dx, double dy) {
        Map<String, Position> before = new LinkedHashMap<>();
        Map<String, Position> after = new LinkedHashMap<>();
        for (String id : document.selectedNodeIds()) {
            AgentNode n = document.flow().node(id).orElseThrow();
            before.put(id, n.position());
            after.put(id, new Position(n.position().x() + dx, n.position().y() + dy));
        }
        if (after.isEmpty()) {
            return false;
        }
        document.execute(new MoveNodes(before, after));
        return true;
    }
}
