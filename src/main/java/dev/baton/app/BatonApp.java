package dev.baton.app;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JavaFX application. Until the designer lands (issue 5) it shows a welcome window that lists the sample flows
 * found next to the working directory.
 */
public final class BatonApp extends Application {

    @Override
    public void start(Stage stage) {
        Label title = new Label("Baton");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label subtitle = new Label("Design, run and audit multi-agent AI flows. The canvas designer is on its way;"
                + " meanwhile use the command line: baton validate FILE…");
        subtitle.setWrapText(true);
        ListView<String> samples = new ListView<>();
        samples.getItems().addAll(sampleNames());
        VBox top = new VBox(8, title, subtitle, new Label("Sample flows:"));
        BorderPane root = new BorderPane(samples);
        root.setTop(top);
        root.setPadding(new Insets(16));
        BorderPane.setMargin(samples, new Insets(8, 0, 0, 0));
        stage.setTitle("Baton");
        stage.setScene(new Scene(root, 720, 480));
        stage.show();
    }

    private static java.util.List<String> sampleNames() {
        Path dir = Path.of("sample-flows");
        java.util.List<String> names = new java.util.ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                files.forEach(f -> names.add(f.getFileName().toString()));
            } catch (IOException e) {
                names.add("(could not list " + dir + ": " + e.getMessage() + ")");
            }
        }
        java.util.Collections.sort(names);
        return names;
    }
}
