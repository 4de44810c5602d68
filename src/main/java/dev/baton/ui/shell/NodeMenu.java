package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.ui.document.command.EditNode;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import java.util.List;

/**
 * What a right-click on a node offers: what the menus offer for it (rename, duplicate, delete, breakpoint, save as
 * template) and the inspector. The node is selected first, so that each item acts on the node under the pointer.
 */
final class NodeMenu {

    private final DesignerWindow w;
    private final Node inspector;

    NodeMenu(DesignerWindow window, Node inspector) {
        this.w = window;
        this.inspector = inspector;
    }

    /** The items for the node {@code id}. */
    List<MenuItem> items(String id) {
        if (!w.document().selection().contains(id)) {
            w.document().select(List.of(id));
        }
        return List.of(
                item("Rename…", "node-menu-rename", () -> rename(id)),
                item("Edit in Inspector", "node-menu-inspect", this::focusInspector),
                item("Duplicate", "node-menu-duplicate", () -> w.edits().duplicate()),
                item("Delete", "node-menu-delete", () -> w.edits().delete()),
                new SeparatorMenuItem(),
                w.canvas().breakpointItem(id),
                new SeparatorMenuItem(),
                item("Save as Template…", "node-menu-template", w::saveAsTemplate));
    }

    private void rename(String id) {
        AgentNode node = w.document().flow().node(id).orElse(null);
        if (node == null) {
            return;
        }
        w.dialogs().askText("Rename", "New name of the node:", node.name())
                .map(String::strip)
                .filter(name -> !name.isEmpty() && !name.equals(node.name()))
                .ifPresent(name -> w.document().execute(new EditNode(node, node.withName(name), "name")));
    }

    /** The inspector already shows the selected node: its first field takes the focus. */
    private void focusInspector() {
        Node field = inspector.lookup(".text-field");
        (field != null ? field : inspector).requestFocus();
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
