package dev.baton.ui.panels;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The small dialog Run ▸ Run opens: the input for the run, with the last inputs used with this flow to pick from. */
public final class RunPanelInputDialog implements RunPanelSession.InputAsker {

    private final Supplier<Window> owner;

    public RunPanelInputDialog(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<String> ask(String flowName, String prompt, List<String> recentInputs) {
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle("Run " + flowName);
        dialog.setHeaderText(prompt);
        TextArea text = new TextArea(recentInputs.isEmpty() ? "" : recentInputs.get(0));
        text.setWrapText(true);
        text.setPrefRowCount(5);
        text.setPrefColumnCount(50);
        text.setId("run-input");
        VBox content = new VBox(8);
        if (!recentInputs.isEmpty()) {
            ComboBox<String> recent = new ComboBox<>();
            recent.getItems().setAll(recentInputs);
            recent.setPromptText("Last inputs used with this flow");
            recent.setMaxWidth(Double.MAX_VALUE);
            recent.valueProperty().addListener((o, a, b) -> {
                if (b != null) {
                    text.setText(b);
                }
            });
            content.getChildren().addAll(new Label("Recent inputs:"), recent);
        }
        Label keys = new Label("Ctrl+Enter runs; Enter starts a new line.");
        keys.getStyleClass().add("inspector-hint");
        content.getChildren().addAll(new Label("Input:"), text, keys);
        dialog.getDialogPane().setContent(content);
        ButtonType run = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(run, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(run).disableProperty().bind(text.textProperty().isEmpty());
        dialog.setResultConverter(b -> b == run ? text.getText().strip() : null);
        // the input is several lines, so Enter cannot run; Ctrl+Enter does, without reaching for the mouse
        text.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                javafx.scene.control.Button button = (javafx.scene.control.Button) dialog.getDialogPane()
                        .lookupButton(run);
                if (!button.isDisabled()) {
                    button.fire();
                }
            }
        });
        dialog.setOnShown(e -> text.requestFocus());
        return dialog.showAndWait().filter(s -> !s.isEmpty());
    }
}
