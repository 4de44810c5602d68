package dev.baton.ui.shell;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Help ▸ Keyboard and Mouse (F1): every shortcut in one sheet, grouped. The menu shortcuts are read from the menu
 * bar itself, so that the sheet says what the menus do; the canvas's own keys and the mouse are listed beside them.
 */
final class HelpSheet {

    /**
     * Key in a menu item's properties for the name the sheet gives it, for items whose text changes (Edit ▸ Undo
     * reads "Undo Paste 1 node" after a paste; the sheet says what the key does, "Undo").
     */
    static final String SHEET_NAME = "help-sheet-name";

    /** One line of the sheet: the keys (or the gesture) and what they do. */
    record Line(String keys, String does) {
    }

    private HelpSheet() {
    }

    /** The sheet's groups in order: each menu with shortcuts, then the canvas keys and the mouse. */
    static Map<String, List<Line>> groups(MenuBar menuBar) {
        Map<String, List<Line>> groups = new LinkedHashMap<>();
        for (Menu menu : menuBar.getMenus()) {
            List<Line> lines = new ArrayList<>();
            collect(menu, lines);
            if (!lines.isEmpty()) {
                groups.put(menu.getText(), lines);
            }
        }
        groups.put("Canvas", List.of(
                new Line("F", "Fit the flow in the view"),
                new Line("Delete / Backspace", "Delete the selection"),
                new Line("Arrows", "Move the selected nodes one grid step (with Shift: one unit)"),
                new Line("Ctrl+Shift+= / Ctrl+=", "Zoom in (as Ctrl+Plus)"),
                new Line("Numpad + / −", "Zoom in / out (with Ctrl too)"),
                new Line("Ctrl+Y", "Redo (as Ctrl+Shift+Z)"),
                new Line("Escape", "Cancel the drag in progress; in the palette's search: clear it")));
        groups.put("Mouse", List.of(
                new Line("Drag a palette entry", "Add it where it is dropped (double-click: in the middle)"),
                new Line("Drag from a port", "Connect to another node; the port decides the edge kind"),
                new Line("Click / Shift+click", "Select / add to the selection"),
                new Line("Drag on empty canvas", "Select with a rectangle"),
                new Line("Drag a node", "Move it (all selected nodes move together)"),
                new Line("Right-click a node", "Rename, duplicate, delete, breakpoint, save as template"),
                new Line("Right-click an edge", "Breakpoint before the handoff"),
                new Line("Wheel", "Zoom at the pointer"),
                new Line("Shift+wheel", "Pan"),
                new Line("Space+drag, middle drag", "Pan"),
                new Line("Click in the minimap", "Move the view there"),
                new Line("Ctrl+wheel on the timeline", "Zoom the timeline; a click on a bar selects its node"),
                new Line("Double-click an audit event", "Its whole payload (Audit Browser)")));
        return groups;
    }

    private static void collect(Menu menu, List<Line> lines) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu sub) {
                collect(sub, lines);
            } else if (item.getAccelerator() != null && item.getText() != null) {
                Object name = item.getProperties().get(SHEET_NAME);
                String text = name instanceof String fixed ? fixed : item.getText();
                lines.add(new Line(item.getAccelerator().getDisplayText(), text.replace("…", "")));
            }
        }
    }

    /** Opens the sheet beside {@code owner}; it stays open while the user works (not modal). */
    static Stage show(Window owner, MenuBar menuBar) {
        // one grid for all groups, so that the keys and what they do line up down the whole sheet
        GridPane content = new GridPane();
        content.getStyleClass().add("help-sheet");
        content.setStyle("-fx-padding: 16;");
        content.setHgap(24);
        content.setVgap(4);
        // the keys keep their width; what they do takes the rest and wraps rather than ending in "…"
        javafx.scene.layout.ColumnConstraints keysColumn = new javafx.scene.layout.ColumnConstraints();
        keysColumn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints doesColumn = new javafx.scene.layout.ColumnConstraints();
        doesColumn.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        doesColumn.setFillWidth(true);
        content.getColumnConstraints().setAll(keysColumn, doesColumn);
        int row = 0;
        for (Map.Entry<String, List<Line>> group : groups(menuBar).entrySet()) {
            Label title = new Label(group.getKey());
            title.getStyleClass().addAll("title-4", "help-group");
            title.setStyle("-fx-padding: " + (row == 0 ? 0 : 12) + " 0 4 0;");
            content.add(title, 0, row++, 2, 1);
            for (Line line : group.getValue()) {
                Label keys = new Label(line.keys());
                keys.getStyleClass().add("help-keys");
                keys.setStyle("-fx-font-weight: bold;");
                keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Label does = new Label(line.does());
                does.setWrapText(true);
                does.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                content.addRow(row++, keys, does);
            }
        }
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Keyboard and Mouse");
        Scene scene = new Scene(scroll, 620, Math.min(720, owner.getHeight() - 40));
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        scroll.setId("help-sheet");
        // a sheet to glance at: Escape puts it away, as it does a menu
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                stage.hide();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
