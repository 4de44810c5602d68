package dev.baton.ui.panels;

import dev.baton.ui.inspector.ModelNameBox;
import dev.baton.engine.model.provider.ConnectionCheck;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.engine.model.provider.CredentialsWriter;
import dev.baton.flow.ModelRef;
import dev.baton.ui.fx.Daemons;
import dev.baton.ui.fx.Styles;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Models & keys: for each provider, whether its key is set (environment or the credentials file; only its last four
 * characters are shown), a field to set or replace it in the credentials file (mode 600, written atomically), and
 * Test connection: one tiny call with the model and base URL given, answered by "connected" or the provider's message.
 */
public final class ModelsKeysDialog {

    static final List<String> PROVIDERS = List.of(ModelRef.OPENAI, ModelRef.ANTHROPIC, ModelRef.GEMINI,
            ModelRef.OLLAMA, ModelRef.OPENAI_COMPATIBLE);
    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(20);
    private static final ExecutorService TESTER = Executors.newCachedThreadPool(Daemons.named("baton-key-test"));

    private final Stage stage = new Stage();
    private final Credentials credentials;
    private final GridPane grid = new GridPane();

    /**
     * @param batonHome   where the credentials file lives
     * @param environment the process environment (tests give their own)
     */
    public ModelsKeysDialog(Window owner, Path batonHome, Function<String, String> environment) {
        this.credentials = new Credentials(environment, batonHome);
        stage.initOwner(owner);
        stage.setTitle("Models & keys");
        Label intro = new Label("Keys come from environment variables or " + credentials.displayPath()
                + " (readable by you only). Baton shows at most their last four characters and never writes them "
                + "into flows, the audit database or logs.");
        intro.setWrapText(true);
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setId("models-keys");
        String[] head = {"Provider", "Key", "New key", "", "Model to test", "Base URL", ""};
        for (int c = 0; c < head.length; c++) {
            Label h = new Label(head[c]);
            h.getStyleClass().add("models-keys-head");
            grid.add(h, c, 0);
        }
        int row = 1;
        for (String provider : PROVIDERS) {
            addRow(provider, row);
            row += 2;
        }
        Label problem = new Label(credentials.fileProblem() == null ? "" : credentials.fileProblem());
        problem.getStyleClass().add("status-invalid");
        problem.setWrapText(true);
        Button close = new Button("Close");
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(12, intro, grid, problem, buttons);
        root.setPadding(new Insets(14));
        root.getStyleClass().add("models-keys");
        ScrollPane scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        // as wide as its columns want, within the screen: at 1180 on a 1280 screen the grid squeezed the model lists
        // and URL fields below their width ("claude-3-5-haik", "gemini-2.0-flas")
        double screen = javafx.stage.Screen.getPrimary().getVisualBounds().getWidth();
        Scene scene = new Scene(scroll, Math.max(900, Math.min(1260, screen - 16)), 520);
        Styles.install(scene);
        stage.setScene(scene);
    }

    private void addRow(String provider, int row) {
        Label name = new Label(provider);
        name.getStyleClass().add("models-keys-provider");
        Label status = new Label();
        status.setId("key-status-" + provider);
        status.setMinWidth(190);
        status.setPrefWidth(220);
        name.setMinWidth(Region.USE_PREF_SIZE);
        status.setWrapText(true);
        PasswordField key = new PasswordField();
        key.setId("key-field-" + provider);
        Button save = new Button("Save key");
        save.setId("key-save-" + provider);
        List<String> variables = Credentials.keyVariables(provider);
        if (variables.isEmpty()) {
            key.setPromptText("no key needed");
            key.setDisable(true);
            save.setDisable(true);
        } else {
            key.setPromptText("paste " + variables.get(0));
        }
        save.disableProperty().bind(key.textProperty().isEmpty().or(key.disabledProperty()));
        ComboBox<String> model = new ComboBox<>();
        model.setEditable(true);
        model.setId("test-model-" + provider);
        model.getItems().setAll(ModelNameBox.known(provider));
        model.setPrefWidth(195);
        model.setMinWidth(Region.USE_PREF_SIZE);
        if (!model.getItems().isEmpty()) {
            model.setValue(model.getItems().get(0));
        }
        TextField url = new TextField();
        url.setId("test-url-" + provider);
        url.setPromptText(ModelRef.OLLAMA.equals(provider) ? "http://localhost:11434" : provider.equals(
                ModelRef.OPENAI_COMPATIBLE) ? "http://host:port/v1 (required)" : "default");
        Button test = new Button("Test connection");
        test.setId("key-test-" + provider);
        test.setMinWidth(Region.USE_PREF_SIZE);
        save.setMinWidth(Region.USE_PREF_SIZE);
        key.setPrefWidth(170);
        url.setPrefWidth(190);
        url.setMinWidth(170);
        Label result = new Label();
        result.setId("test-result-" + provider);
        result.setWrapText(true);
        result.getStyleClass().add("models-keys-result");
        Runnable refresh = () -> status.setText(describe(provider));
        save.setOnAction(e -> {
            try {
                CredentialsWriter.set(credentials.file(), variables.get(0), key.getText());
                key.clear();
                result.setText("Key saved to " + credentials.displayPath());
            } catch (IOException | IllegalArgumentException ex) {
                result.setText("Not saved: " + ex.getMessage());
            }
            refresh.run();
        });
        test.setOnAction(e -> {
            String modelName = model.getEditor().getText() == null ? "" : model.getEditor().getText().strip();
            ModelRef ref = new ModelRef(provider, modelName, url.getText().isBlank() ? null : url.getText().strip(),
                    null);
            test.setDisable(true);
            result.setText("Testing " + ref.label() + "…");
            TESTER.execute(() -> {
                ConnectionCheck.Outcome outcome = new ConnectionCheck(credentials, TEST_TIMEOUT).check(ref);
                Platform.runLater(() -> {
                    test.setDisable(false);
                    result.setText((outcome.ok() ? "✓ " : "✗ ") + outcome.message());
                    result.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), !outcome.ok());
                });
            });
        });
        refresh.run();
        grid.addRow(row, name, status, key, save, model, url, test);
        grid.add(result, 1, row + 1, 6, 1);
    }

    /** "set · OPENAI_API_KEY in environment · …abcd", "not set: …", or "no key needed". */
    String describe(String provider) {
        if (Credentials.keyVariables(provider).isEmpty()) {
            return "no key needed (local server)";
        }
        return credentials.keyStatus(provider).map(s -> "set · " + s.variable() + " from " + s.source() + " · "
                + s.masked()).orElse((Credentials.keyRequired(provider) ? "not set: " : "optional, not set: ")
                + String.join(" or ", Credentials.keyVariables(provider)));
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }
}
