package dev.baton.ui.fx;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The real dialogs: JavaFX file choosers and alerts owned by the designer window. */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;
    private File lastDir;
    private Supplier<Path> currentFile = () -> null;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseFileToOpen() {
        FileChooser chooser = chooser("Open flow", "json");
        File f = chooser.showOpenDialog(owner.get());
        return remember(f);
    }

    @Override
    public Optional<Path> chooseImportSource() {
        FileChooser chooser = chooser("Import a CrewAI crew (agents.yaml), an AutoGen team or a Flowise agentflow",
                "json");
        chooser.getExtensionFilters().add(0, new FileChooser.ExtensionFilter(
                "CrewAI agents.yaml / tasks.yaml, AutoGen or Flowise JSON", "*.yaml", "*.yml", "*.json"));
        chooser.setSelectedExtensionFilter(chooser.getExtensionFilters().get(0));
        return remember(chooser.showOpenDialog(owner.get()));
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggestedName, String extension) {
        FileChooser chooser = chooser(title, extension);
        chooser.setInitialFileName(suggestedName);
        return remember(chooser.showSaveDialog(owner.get()));
    }

    private FileChooser chooser(String title, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                extension.toUpperCase(java.util.Locale.ROOT) + " files", "*." + extension));
        File start = initialDirectory(currentFile.get(), lastDir);
        if (start != null) {
            chooser.setInitialDirectory(start);
        }
        return chooser;
    }

    @Override
    public void startIn(Supplier<Path> currentFile) {
        this.currentFile = currentFile == null ? () -> null : currentFile;
    }

    /**
     * The folder a chooser starts in: the open flow's own folder (Save as, exports and imports land beside it), else
     * the last folder chosen, else the home folder. JavaFX's default is the process's working directory, which for an
     * installed app means nothing to the user.
     */
    static File initialDirectory(Path flowFile, File lastDir) {
        if (flowFile != null && flowFile.toAbsolutePath().getParent() != null
                && java.nio.file.Files.isDirectory(flowFile.toAbsolutePath().getParent())) {
            return flowFile.toAbsolutePath().getParent().toFile();
        }
        if (lastDir != null && lastDir.isDirectory()) {
            return lastDir;
        }
        File home = new File(System.getProperty("user.home", ""));
        return home.isDirectory() ? home : null;
    }

    private Optional<Path> remember(File f) {
        if (f == null) {
            return Optional.empty();
        }
        lastDir = f.getParentFile();
        return Optional.of(f.toPath());
    }

    @Override
    public void showError(String title, String message) {
        show(Alert.AlertType.ERROR, title, message);
    }

    @Override
    public void showInfo(String title, String message) {
        show(Alert.AlertType.INFORMATION, title, message);
    }

    private void show(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(520);
        alert.getDialogPane().setContent(text);
        alert.showAndWait();
    }

    @Override
    public UnsavedChoice askUnsaved(String flowName) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", save, discard, ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle("Unsaved changes");
        alert.setHeaderText("Save the changes to \"" + flowName + "\"?");
        alert.setContentText("Your changes are lost if you don't save them.");
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return UnsavedChoice.CANCEL;
        }
        return answer.get() == save ? UnsavedChoice.SAVE : UnsavedChoice.DISCARD;
    }

    @Override
    public boolean confirm(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.YES, ButtonType.NO);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
    }

    @Override
    public boolean approvePrograms(String flowName, String programs) {
        ButtonType run = new ButtonType("Run", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, "", run, ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle("Start programs");
        alert.setHeaderText("'" + flowName + "' starts these programs on this computer (its MCP servers).\n"
                + "Run them only if you trust where this flow comes from.");
        javafx.scene.control.TextArea lines = new javafx.scene.control.TextArea(programs);
        lines.setEditable(false);
        lines.setWrapText(true);
        // tall enough to show every line whole, wrapped ones included, up to a screenful
        lines.setPrefColumnCount(72);
        lines.setPrefRowCount(Math.min(14, programs.lines().mapToInt(l -> 1 + l.length() / 72).sum() + 1));
        lines.setStyle("-fx-font-family: monospace;");
        lines.setId("approve-programs-lines");
        alert.getDialogPane().setContent(lines);
        // Cancel is the default: Enter alone never starts a stranger's program
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(run)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(b -> b == run).isPresent();
    }

    @Override
    public Optional<String> chooseOne(String title, String prompt, java.util.List<String> options) {
        if (options.isEmpty()) {
            return Optional.empty();
        }
        javafx.scene.control.ChoiceDialog<String> dialog = new javafx.scene.control.ChoiceDialog<>(options.get(0),
                options);
        dialog.initOwner(owner.get());
        dialog.setTitle(title);
        dialog.setHeaderText(prompt);
        return dialog.showAndWait();
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial);
        dialog.initOwner(owner.get());
        dialog.setTitle(title);
        dialog.setHeaderText(prompt);
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }
}
