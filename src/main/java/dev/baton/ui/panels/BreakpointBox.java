package dev.baton.ui.panels;

import dev.baton.ui.run.BreakpointHit;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Run tab's breakpoint box: where the run is held, the held text (editable) and Continue. */
final class BreakpointBox {

    private final Label breakpointTitle = new Label();
    private final TextArea breakpointText = new TextArea();
    private final Button continueButton = new Button("Continue");
    private final VBox breakpointBox;

    /** {@code onContinue}: what Continue does. */
    BreakpointBox(Runnable onContinue) {
        breakpointText.setId("breakpoint-text");
        breakpointText.setWrapText(true);
        breakpointText.setPrefRowCount(3);
        VBox.setVgrow(breakpointText, Priority.ALWAYS);
        continueButton.setId("breakpoint-continue");
        continueButton.setOnAction(e -> onContinue.run());
        continueButton.setMinWidth(Region.USE_PREF_SIZE);
        // Continue sits beside the title: the panel is short, and the button must never scroll out of sight
        breakpointTitle.setWrapText(true);
        breakpointTitle.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(breakpointTitle, Priority.ALWAYS);
        HBox breakpointHeader = new HBox(6, breakpointTitle, continueButton);
        breakpointHeader.setAlignment(Pos.CENTER_LEFT);
        breakpointBox = RunSideBox.of("run-breakpoint", breakpointHeader, breakpointText);
    }

    VBox node() {
        return breakpointBox;
    }

    /** Shows where the run is held and its text, or hides the box for null. */
    void show(BreakpointHit hit) {
        breakpointBox.setVisible(hit != null);
        if (hit == null) {
            return;
        }
        breakpointTitle.setText(hit.kind() == BreakpointHit.Kind.NODE
                ? "Stopped before " + hit.nodeId() + ": its input (editable)"
                : "Stopped before handoff " + hit.from() + " → " + hit.nodeId() + ": context (editable)");
        breakpointText.setText(hit.text());
        breakpointBox.setVisible(true);
    }

    /** The held text as the user left it. */
    String text() {
        return breakpointText.getText();
    }

    void hide() {
        breakpointBox.setVisible(false);
    }
}
