package dev.baton.ui.panels;

import dev.baton.ui.run.RunError;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.function.Consumer;

/** The Run tab's red banner when a run failed or hit a limit: where, why, and a button to show the node. */
final class RunErrorBanner {

    private final Label errorText = new Label();
    private final Button errorShow = new Button("Show node");
    private final javafx.scene.control.Tooltip errorTip = new javafx.scene.control.Tooltip();
    private final HBox errorBanner;

    RunErrorBanner() {
        errorText.setId("run-error-text");
        errorText.setWrapText(true);
        errorText.setMaxWidth(Double.MAX_VALUE);
        errorText.setMaxHeight(54);
        errorText.setTooltip(errorTip);
        HBox.setHgrow(errorText, Priority.ALWAYS);
        errorShow.setId("run-error-show");
        errorShow.setMinWidth(Region.USE_PREF_SIZE);
        errorBanner = new HBox(8, errorText, errorShow);
        errorBanner.setId("run-error");
        errorBanner.getStyleClass().add("run-error");
        errorBanner.setAlignment(Pos.CENTER_LEFT);
        errorBanner.setVisible(false);
        errorBanner.managedProperty().bind(errorBanner.visibleProperty());
    }

    HBox node() {
        return errorBanner;
    }

    /** Shows {@code error}, or hides the banner for null; Show node tells {@code onNodeClicked} the node's id. */
    void show(RunError error, Consumer<String> onNodeClicked) {
        errorBanner.setVisible(error != null);
        if (error == null) {
            return;
        }
        errorBanner.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("limit"), error.limit());
        String where = error.nodeId().isBlank() ? "" : " at " + error.nodeName()
                + (error.nodeName().equals(error.nodeId()) ? "" : " (" + error.nodeId() + ")");
        errorText.setText((error.limit() ? "Limit reached" : "Run failed") + where + ": " + error.message());
        errorTip.setText(error.message());
        errorShow.setVisible(!error.nodeId().isBlank());
        errorShow.setOnAction(e -> onNodeClicked.accept(error.nodeId()));
    }

    /** The banner's text, "" when none is shown. */
    String text() {
        return errorBanner.isVisible() ? errorText.getText() : "";
    }
}
