package dev.baton.ui.inspector;

import dev.baton.flow.BuiltInToolNames;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The picker's rows for tools a server lists that Baton cannot call (a task-only MCP tool): shown, so that the user
 * sees the tool exists, but not offered. Its box is disabled with the reason beside it; a node that picked such a tool
 * before keeps it ticked and enabled, so that it can be unticked.
 */
final class UnavailableToolRows {

    private UnavailableToolRows() {
    }

    static List<Node> rows(String server, Map<String, String> unavailable, String search, ToolPickerModel model) {
        String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<String> chosen = model.node().map(n -> n.tools()).orElse(List.of());
        List<Node> rows = new ArrayList<>();
        unavailable.forEach((name, reason) -> {
            String key = server + BuiltInToolNames.SERVER_SEPARATOR + name;
            if (!q.isEmpty() && !key.toLowerCase(Locale.ROOT).contains(q)) {
                return;
            }
            boolean picked = chosen.contains(key);
            CheckBox check = new CheckBox(name);
            check.setMnemonicParsing(false);
            check.setMinWidth(0);
            check.getStyleClass().add("tool-check");
            check.setSelected(picked);
            check.setDisable(!picked);
            check.setTooltip(new Tooltip("Not offered: " + reason));
            check.selectedProperty().addListener((o, was, now) -> model.setSelected(key, now));
            Label why = new Label("unavailable: " + reason);
            why.getStyleClass().add(picked ? "status-invalid" : "inspector-hint");
            why.setWrapText(true);
            why.setMinWidth(0);
            VBox box = new VBox(1, check, why);
            box.getStyleClass().addAll("tool-row", "tool-row-unavailable");
            box.setUserData(key);
            rows.add(box);
        });
        return rows;
    }
}
