package dev.baton.ui.panels;

import dev.baton.secret.Redactor;
import dev.baton.trace.LiveTrace;
import dev.baton.ui.settings.DesignerSettings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.net.URI;

/**
 * Run ▸ Trace to OTLP…: the OTLP/HTTP URL every designer run sends its spans to (empty: off), kept in the designer's
 * settings. The field says where spans would go, or why the URL will not do, as it is typed; Save stays off until
 * it will do. A URL holding a key is refused: keys live only in the environment or the credentials file.
 */
public final class TraceSettingDialog {

    private final Stage stage = new Stage();
    private final DesignerSettings settings;
    private final Redactor redactor;
    private final TextField url = new TextField();
    private final Label where = new Label();
    private final Button save = new Button("Save");

    public TraceSettingDialog(Window owner, DesignerSettings settings, Redactor redactor) {
        this.settings = settings;
        this.redactor = redactor;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Trace to OTLP");
        Label intro = new Label("Each run started here sends its spans live over OTLP/HTTP to this collector "
                + "(an OpenTelemetry Collector, Jaeger, Langfuse, Phoenix …), redacted like the audit. A collector "
                + "that is down never slows or fails a run: the Run tab says how many spans arrived. "
                + "Leave the field empty to turn tracing off.");
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        url.setId("otlp-url");
        url.setPromptText("http://localhost:4318/v1/traces");
        url.setText(settings.otlpEndpoint().orElse(""));
        HBox.setHgrow(url, Priority.ALWAYS);
        Label label = new Label("Collector URL");
        label.setLabelFor(url);
        HBox field = new HBox(8, label, url);
        field.setAlignment(Pos.CENTER_LEFT);
        SettingDialogParts.whereLine(where, "otlp-where");
        HBox buttons = SettingDialogParts.saveCancel(save, "otlp-save", this::save, stage);
        url.textProperty().addListener((o, a, b) -> check());
        check();
        // sized to its content: the wrapped explanation keeps all its lines at any font size
        SettingDialogParts.showIn(stage, intro, field, where, buttons);
    }

    public void show() {
        stage.show();
        url.requestFocus();
    }

    public Stage stage() {
        return stage;
    }

    /**
     * Null when {@code text} will do (empty means off), else why not, in one line.
     */
    static String problem(String text, Redactor redactor) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            LiveTrace.endpoint(t);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (URI.create(t).getRawUserInfo() != null || !redactor.redact(t).equals(t)) {
            return "this URL holds a key or password; Baton keeps keys only in the environment or the credentials "
                    + "file, not in its settings";
        }
        return null;
    }

    private void check() {
        String problem = problem(url.getText(), redactor);
        save.setDisable(problem != null);
        where.getStyleClass().remove("status-invalid");
        if (problem != null) {
            where.setText("Not usable: " + problem);
            where.getStyleClass().add("status-invalid");
        } else if (url.getText().isBlank()) {
            where.setText("Tracing is off.");
        } else {
            where.setText("Spans go to " + LiveTrace.endpoint(url.getText().strip()));
        }
        if (stage.isShowing()) {
            // a reason may take two lines: the window grows to keep the buttons in view
            stage.sizeToScene();
        }
    }

    private void save() {
        if (problem(url.getText(), redactor) != null) {
            return;
        }
        try {
            settings.setOtlpEndpoint(url.getText());
            stage.close();
        } catch (IOException | RuntimeException e) {
            // the setting stays as it was; the dialog stays open so that nothing typed is lost
            where.setText("Could not save to " + settings.file() + ": " + e.getMessage());
            where.getStyleClass().add("status-invalid");
        }
    }
}
