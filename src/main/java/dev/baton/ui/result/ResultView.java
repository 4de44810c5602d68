package dev.baton.ui.result;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A run's final answer, rendered as markdown in a scrollable pane, with Copy (the markdown source to the clipboard)
 * and Save as .md, and a "simulated" mark when the answer came from the offline simulated model.
 */
public final class ResultView extends BorderPane {

    /** Asks where to save; empty when the person cancels. */
    @FunctionalInterface
    public interface SaveTarget {
        Optional<Path> choose(String suggestedName);
    }

    private final Label title = new Label("Result");
    private final Label simulated = new Label("simulated");
    private final Button copy = new Button("Copy");
    private final Button save = new Button("Save as .md…");
    private final Label note = new Label();
    private final ScrollPane scroll = new ScrollPane();
    private final Label empty = new Label("The answer of the last run that succeeded appears here.");
    private String markdown = "";
    private SaveTarget saveTarget = name -> Optional.empty();
    private Supplier<String> suggestedName = () -> "result.md";

    public ResultView() {
        setId("result-view");
        getStyleClass().add("result-view");
        title.getStyleClass().add("result-title");
        simulated.setId("result-simulated");
        simulated.getStyleClass().add("result-simulated");
        simulated.setTooltip(new javafx.scene.control.Tooltip(
                "Written by Baton's offline simulated model, not by a real AI model"));
        simulated.setVisible(false);
        simulated.managedProperty().bind(simulated.visibleProperty());
        copy.setId("result-copy");
        save.setId("result-save");
        note.setId("result-note");
        note.getStyleClass().add("result-note");
        copy.setOnAction(e -> copy());
        save.setOnAction(e -> save());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, simulated, spacer, note, copy, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("result-bar");
        setTop(bar);
        scroll.setId("result-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("result-scroll");
        setCenter(scroll);
        show("", false);
    }

    /** Where Save as .md writes, and the file name it suggests. */
    public void setSaveTarget(SaveTarget target, Supplier<String> suggested) {
        this.saveTarget = target;
        this.suggestedName = suggested;
    }

    /** Shows {@code answer} (markdown); {@code simulatedAnswer} marks it as the simulated model's. */
    public void show(String answer, boolean simulatedAnswer) {
        markdown = answer == null ? "" : answer;
        note.setText("");
        simulated.setVisible(simulatedAnswer && !markdown.isBlank());
        copy.setDisable(markdown.isBlank());
        save.setDisable(markdown.isBlank());
        if (markdown.isBlank()) {
            scroll.setContent(new VBox(empty));
        } else {
            VBox doc = MarkdownView.render(markdown);
            doc.setId("result-document");
            scroll.setContent(doc);
        }
        scroll.setVvalue(0);
    }

    /** When only some nodes ran simulated, which ones (the mark's tooltip says so); "" when all or none did. */
    public void setSimulatedDetail(String detail) {
        simulated.setText(detail.isBlank() ? "simulated" : "partly simulated");
        simulated.getTooltip().setText(detail.isBlank()
                ? "Written by Baton's offline simulated model, not by a real AI model" : detail);
    }

    /** The markdown shown, "" when none. */
    public String markdown() {
        return markdown;
    }

    public boolean simulatedShown() {
        return simulated.isVisible();
    }

    /** Puts the answer's markdown source on the clipboard. */
    public void copy() {
        ClipboardContent content = new ClipboardContent();
        content.putString(markdown);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        note.setText("Copied");
    }

    /** Asks for a file and writes the answer there (through a temp file, so a failed write leaves the old one). */
    public void save() {
        Optional<Path> target = saveTarget.choose(suggestedName.get());
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        try {
            write(file, markdown);
            note.setText("Saved " + file.getFileName());
        } catch (IOException e) {
            note.setText("Not saved: " + e.getMessage());
        }
    }

    static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".result-", ".md.tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
