package dev.baton.ui.panels;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;

/**
 * Run ▸ Temporal Target…: the Temporal frontend (HOST:PORT) and task queue that Run ▸ Run on Temporal… sends runs
 * to, kept in the designer's settings. The dialog says where runs will go, or why the text will not do, as it is
 * typed; Save stays off until it will do.
 */
public final class TemporalSettingDialog {

    private final Stage stage = new Stage();
    private final TemporalTargetModel model;
    private final TextField target = new TextField();
    private final TextField queue = new TextField();
    private final Label where = new Label();
    private final Button save = new Button("Save");
    private Runnable onSaved = () -> { };

    public TemporalSettingDialog(Window owner, TemporalTargetModel model) {
        this.model = model;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Temporal target");
        Label intro = new Label("Run ▸ Run on Temporal… sends the open flow to this Temporal frontend, where Baton "
                + "workers ('baton worker --temporal HOST:PORT') run it with their own keys and record it in their "
                + "audit database. The run shows here live, as a local run does.");
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        target.setId("temporal-target");
        target.setPromptText("localhost:7233");
        target.textProperty().bindBidirectional(model.targetProperty());
        queue.setId("temporal-queue");
        queue.setPromptText("baton");
        queue.textProperty().bindBidirectional(model.queueProperty());
        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(8);
        Label targetLabel = new Label("Frontend (HOST:PORT)");
        targetLabel.setLabelFor(target);
        Label queueLabel = new Label("Task queue");
        queueLabel.setLabelFor(queue);
        fields.addRow(0, targetLabel, target);
        fields.addRow(1, queueLabel, queue);
        GridPane.setHgrow(target, Priority.ALWAYS);
        GridPane.setHgrow(queue, Priority.ALWAYS);
        SettingDialogParts.whereLine(where, "temporal-where");
        HBox buttons = SettingDialogParts.saveCancel(save, "temporal-save", this::save, stage);
        where.textProperty().bind(model.whereProperty());
        save.disableProperty().bind(model.usableProperty().not());
        model.usableProperty().addListener((o, was, usable) -> mark(usable));
        mark(model.usableProperty().get());
        // a reason may take two lines: the window grows to keep the buttons in view
        where.textProperty().addListener((o, a, b) -> {
            if (stage.isShowing()) {
                stage.sizeToScene();
            }
        });
        SettingDialogParts.showIn(stage, intro, fields, where, buttons);
    }

    /** Runs after a successful Save (Run on Temporal… goes on with the run it was asked for). */
    public TemporalSettingDialog onSaved(Runnable action) {
        this.onSaved = action == null ? () -> { } : action;
        return this;
    }

    public void show() {
        stage.show();
        target.requestFocus();
    }

    public Stage stage() {
        return stage;
    }

    private void mark(boolean usable) {
        where.getStyleClass().remove("status-invalid");
        if (!usable) {
            where.getStyleClass().add("status-invalid");
        }
    }

    private void save() {
        if (!model.usableProperty().get()) {
            return;
        }
        try {
            model.save();
            stage.close();
            onSaved.run();
        } catch (IOException | RuntimeException e) {
            // the setting stays as it was; the dialog stays open so that nothing typed is lost
            where.textProperty().unbind();
            where.setText("Could not save to " + model.file() + ": " + e.getMessage());
            where.getStyleClass().add("status-invalid");
        }
    }
}
