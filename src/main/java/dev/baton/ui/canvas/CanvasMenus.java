package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.canvas.skins.EdgeSkin;
import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.collections.ObservableSet;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;

import java.util.List;
import java.util.function.Function;

/** The canvas's right-click menus: a node's (given by the designer, a breakpoint at least) and an edge's. */
final class CanvasMenus {

    private final FlowCanvas canvas;
    private final FlowDocument document;
    private final RunDecorations runDecorations;
    private Function<String, List<MenuItem>> nodeMenu = id -> List.of(breakpointItem(id));

    CanvasMenus(FlowCanvas canvas, FlowDocument document, RunDecorations runDecorations) {
        this.canvas = canvas;
        this.document = document;
        this.runDecorations = runDecorations;
    }

    void setNodeMenu(Function<String, List<MenuItem>> menu) {
        nodeMenu = menu;
    }

    CheckMenuItem breakpointItem(String nodeId) {
        CheckMenuItem breakpoint = new CheckMenuItem("Breakpoint (stop before it runs)");
        breakpoint.setId("node-menu-breakpoint");
        breakpoint.setSelected(runDecorations.breakpoints().contains(nodeId));
        breakpoint.setOnAction(a -> canvas.toggleBreakpoint(nodeId));
        return breakpoint;
    }

    /**
     * The breakpoint entry of an edge's context menu. The engine can hold a run before a HANDOFF; on a NEXT or
     * DELEGATES edge the same stop is "before the node it leads to starts" (its input is what the edge brings), so
     * the entry says that and toggles the node's breakpoint. Review edges carry no work to stop.
     */
    MenuItem edgeBreakpointItem(Edge edge, String targetName) {
        if (edge.kind() == EdgeKind.REVIEWS) {
            MenuItem none = new MenuItem("No breakpoint on a review edge (set one on a node or handoff)");
            none.setDisable(true);
            return none;
        }
        boolean handoff = edge.kind() == EdgeKind.HANDOFF;
        String id = handoff ? edge.id() : edge.to();
        CheckMenuItem item = new CheckMenuItem(handoff ? "Breakpoint (stop before this handoff)"
                : "Breakpoint on " + targetName + " (stop before it runs)");
        item.setId("edge-breakpoint-item");
        item.setSelected(runDecorations.breakpoints().contains(id));
        item.setOnAction(a -> toggleBreakpoint(id));
        return item;
    }

    /** Adds or removes a breakpoint before node or handoff {@code id}; true when it is set afterwards. */
    boolean toggleBreakpoint(String id) {
        ObservableSet<String> breakpoints = runDecorations.breakpoints();
        if (breakpoints.remove(id)) {
            return false;
        }
        breakpoints.add(id);
        return true;
    }

    void show(ContextMenuEvent e) {
        for (Node n = e.getPickResult().getIntersectedNode(); n != null && n != canvas; n = n.getParent()) {
            if (n instanceof NodeSkin skin) {
                new ContextMenu(nodeMenu.apply(skin.nodeId()).toArray(MenuItem[]::new))
                        .show(skin, e.getScreenX(), e.getScreenY());
                e.consume();
                return;
            }
            if (n instanceof EdgeSkin edge && edge.edge() != null) {
                String target = document.flow().node(edge.edge().to()).map(AgentNode::name)
                        .filter(name -> !name.isBlank()).orElse(edge.edge().to());
                new ContextMenu(edgeBreakpointItem(edge.edge(), target))
                        .show(edge, e.getScreenX(), e.getScreenY());
                e.consume();
                return;
            }
        }
    }
}
