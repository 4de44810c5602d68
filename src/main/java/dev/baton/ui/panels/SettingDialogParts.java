package dev.baton.ui.panels;

import dev.baton.ui.fx.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * What the one-setting dialogs (Run ▸ Trace to OTLP…, Run ▸ Temporal Target…) share: the line under the fields that
 * says where the setting sends things (or why it will not do), Save / Cancel, and the scene sized to its content.
 */
final class SettingDialogParts {

    private SettingDialogParts() {
    }

    /** Sets up the "where" line: wrapped, never squeezed below its text. */
    static void whereLine(Label where, String id) {
        where.setId(id);
        where.setWrapText(true);
        where.setMinHeight(Region.USE_PREF_SIZE);
    }

    /** Save (the default button, running {@code onSave}) and Cancel (closing {@code stage}), right-aligned. */
    static HBox saveCancel(Button save, String saveId, Runnable onSave, Stage stage) {
        save.setId(saveId);
        save.setDefaultButton(true);
        save.setOnAction(e -> onSave.run());
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        HBox buttons = new HBox(8, save, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        return buttons;
    }

    /** The dialog's content, 600 wide, in a styled scene sized to its content (a wrapped line keeps its lines). */
    static void showIn(Stage stage, Node... rows) {
        VBox root = new VBox(12, rows);
        root.setPadding(new Insets(14));
        root.setPrefWidth(600);
        Scene scene = new Scene(root);
        Styles.install(scene);
        stage.setScene(scene);
    }
}
