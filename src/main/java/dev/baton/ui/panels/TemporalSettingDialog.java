package dev.baton.ui.panels;

import dev.baton.run.TemporalTarget;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.settings.DesignerSettings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
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
    private final DesignerSettings settings;
    private final TextField target = new TextField();
    private final TextField queue = new TextField();
    private final Label where = new Label();
    private final Button save = new Button("Save");
    private Runnable onSaved = () -> { };

    public TemporalSettingDialog(Window owner, DesignerSettings settings) {
        this.settings = settings;
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
        target.setText(settings.temporalTarget().orElse(""));
        queue.setId("temporal-queue");
        queue.setPromptText(TemporalTarget.DEFAULT_TASK_QUEUE);
        queue.setText(settings.temporalTaskQueue().orElse(""));
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
        where.setId("temporal-where");
        where.setWrapText(true);
        where.setMinHeight(Region.USE_PREF_SIZE);
        save.setId("temporal-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> save());
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        HBox buttons = new HBox(8, save, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        target.textProperty().addListener((o, a, b) -> check());
        queue.textProperty().addListener((o, a, b) -> check());
        check();
        VBox root = new VBox(12, intro, fields, where, buttons);
        root.setPadding(new Insets(14));
        root.setPrefWidth(600);
        Scene scene = new Scene(root);
        Styles.install(scene);
        stage.setScene(scene);
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

    /** Null when the two fields will do (an empty frontend forgets the target), else why not, in one line. */
    static String problem(String hostPort, String taskQueue) {
        if (hostPort == null || hostPort.isBlank()) {
            return taskQueue == null || taskQueue.isBlank() ? null : "give the frontend as HOST:PORT too";
        }
        try {
            TemporalTarget.parse(hostPort, taskQueue);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void check() {
        String problem = problem(target.getText(), queue.getText());
        save.setDisable(problem != null);
        where.getStyleClass().remove("status-invalid");
        if (problem != null) {
            where.setText("Not usable: " + problem);
            where.getStyleClass().add("status-invalid");
        } else if (target.getText().isBlank()) {
            where.setText("No target: Run on Temporal… will ask for one.");
        } else {
            where.setText("Runs go to " + TemporalTarget.parse(target.getText(), queue.getText()).describe());
        }
        if (stage.isShowing()) {
            stage.sizeToScene();
        }
    }

    private void save() {
        if (problem(target.getText(), queue.getText()) != null) {
            return;
        }
        try {
            settings.setTemporal(target.getText(), queue.getText());
            stage.close();
            onSaved.run();
        } catch (IOException | RuntimeException e) {
            // the setting stays as it was; the dialog stays open so that nothing typed is lost
            where.setText("Could not save to " + settings.file() + ": " + e.getMessage());
            where.getStyleClass().add("status-invalid");
        }
    }
}
