package dev.baton.ui.panels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.ToolApproval;
import dev.baton.ui.run.ToolApprovalPrompt;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * The Run tab's box for a tool call waiting for the user's approval: the tool and the agent, its arguments in an
 * editable JSON area (checked before anything is sent: JSON, an object; the engine checks the tool's schema), an
 * optional reason, and Approve / Approve for this run / Deny. Hidden while nothing waits.
 */
final class ApprovalPane extends VBox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BY = "designer";

    private final Label title = new Label();
    private final Label detail = new Label();
    private final TextArea arguments = new TextArea();
    private final Label problem = new Label();
    private final TextField reason = new TextField();
    private final Button approve = new Button("Approve");
    private final Button approveRun = new Button("Approve for this run");
    private final Button deny = new Button("Deny");
    private ToolApprovalPrompt shown;
    private String shownPretty = "";
    private Predicate<ToolApproval> sink = a -> false;

    ApprovalPane() {
        super(6);
        setId("run-approval");
        getStyleClass().addAll("run-box", "run-approval");
        title.setId("approval-title");
        title.getStyleClass().add("approval-title");
        title.setWrapText(true);
        detail.setWrapText(true);
        detail.getStyleClass().add("approval-detail");
        arguments.setId("approval-arguments");
        arguments.getStyleClass().add("approval-arguments");
        arguments.setPrefRowCount(4);
        // the Run tab is short: the area gives way, the buttons above it never leave the screen
        arguments.setMinHeight(40);
        arguments.setWrapText(true);
        VBox.setVgrow(arguments, Priority.ALWAYS);
        problem.setId("approval-problem");
        problem.getStyleClass().add("approval-problem");
        problem.setWrapText(true);
        problem.setVisible(false);
        problem.managedProperty().bind(problem.visibleProperty());
        arguments.textProperty().addListener((o, was, now) -> problem.setVisible(false));
        reason.setId("approval-reason");
        reason.setPromptText("Reason to deny (optional)");
        reason.setMaxWidth(Double.MAX_VALUE);
        approve.setId("approval-approve");
        approve.getStyleClass().add("accent");
        approveRun.setId("approval-approve-run");
        deny.setId("approval-deny");
        deny.getStyleClass().add("danger");
        approve.setOnAction(e -> approve(false));
        approveRun.setOnAction(e -> approve(true));
        deny.setOnAction(e -> deny());
        for (Region r : java.util.List.of(approve, approveRun, deny)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        // the answers sit right under the title, as Continue does at a breakpoint: the panel may be short
        HBox buttons = new HBox(6, approve, approveRun, deny);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, buttons, reason, problem, detail, arguments);
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    /** Where answers go (the shown run's view-model); returns false when the run took none. */
    void setSink(Predicate<ToolApproval> answers) {
        sink = answers == null ? a -> false : answers;
    }

    /** Shows {@code p}, or hides the box for null. A prompt already shown keeps the user's edits. */
    void show(ToolApprovalPrompt p) {
        setVisible(p != null);
        if (p == null || p.equals(shown)) {
            shown = p;
            return;
        }
        shown = p;
        title.setText("Waiting for your approval of " + p.tool());
        detail.setText(p.nodeId() + " calls " + p.tool() + (p.server().isEmpty() ? "" : " of MCP server "
                + p.server()) + " with (editable JSON):");
        shownPretty = pretty(p.argumentsJson());
        arguments.setText(shownPretty);
        reason.clear();
        problem.setVisible(false);
    }

    /** The prompt on display, or null. */
    ToolApprovalPrompt shown() {
        return isVisible() ? shown : null;
    }

    /** Approves with the area's arguments (edited ones when they differ); false when they are no JSON object. */
    boolean approve(boolean forRun) {
        if (shown == null) {
            return false;
        }
        JsonNode edited;
        try {
            edited = JSON.readTree(arguments.getText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return refuse("Not valid JSON: " + e.getOriginalMessage());
        }
        if (edited == null || !edited.isObject()) {
            return refuse("The arguments must be a JSON object: { \"name\": value, … }");
        }
        String changed = isUnchanged(edited) ? null : edited.toString();
        ToolApproval a = new ToolApproval(forRun ? ToolApproval.Decision.APPROVE_FOR_RUN
                : ToolApproval.Decision.APPROVE, BY, "", changed);
        return sink.test(a);
    }

    /** Denies the call shown, with the reason field's text. */
    boolean deny() {
        return shown != null && sink.test(ToolApproval.deny(BY, reason.getText().strip()));
    }

    private boolean isUnchanged(JsonNode edited) {
        try {
            return edited.equals(JSON.readTree(shown.argumentsJson()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean refuse(String why) {
        problem.setText(why);
        problem.setVisible(true);
        return false;
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (IOException | RuntimeException e) {
            return json;
        }
    }
}
