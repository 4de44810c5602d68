package dev.baton.ui.shell;

import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.settings.BatonHome;
import dev.baton.ui.settings.RecentFiles;
import dev.baton.flow.Problem;
import dev.baton.importer.ImportException;
import dev.baton.importer.ImportResult;
import dev.baton.importer.Importers;

import dev.baton.flow.Flow;
import dev.baton.flow.Ids;
import dev.baton.flow.io.FlowFiles;
import dev.baton.flow.io.FlowJson;
import dev.baton.flow.io.FlowLoadException;
import dev.baton.ui.fx.DialogService;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * New, Open, Save, Save As, Export JSON and the unsaved-changes question, over a {@link FlowDocument}. A file that
 * cannot be read leaves the current flow as it was and names the location of the problem.
 */
public final class FileActions {

    private final FlowDocument document;
    private final DialogService dialogs;
    private final RecentFiles recent;
    private final Runnable opened;

    /** @param opened called after a flow was replaced (New, Open), e.g. to zoom to fit */
    public FileActions(FlowDocument document, DialogService dialogs, RecentFiles recent, Runnable opened) {
        this.document = document;
        this.dialogs = dialogs;
        this.recent = recent;
        this.opened = opened;
    }

    public RecentFiles recent() {
        return recent;
    }

    public void newFlow() {
        if (!confirmDiscard()) {
            return;
        }
        document.replace(starter(), null);
        opened.run();
    }

    /** A new flow already holds its two ends, so that the first agent dropped between them can be wired at once. */
    public static Flow starter() {
        return Flow.empty("untitled", "Untitled flow")
                .addNode(dev.baton.flow.AgentNode.of("start", dev.baton.flow.NodeKind.START, "Input")
                        .withPosition(0, 0))
                .addNode(dev.baton.flow.AgentNode.of("output", dev.baton.flow.NodeKind.OUTPUT, "Answer")
                        .withPosition(600, 0));
    }

    public void open() {
        if (!confirmDiscard()) {
            return;
        }
        dialogs.chooseFileToOpen().ifPresent(this::load);
    }

    /** File ▸ Import…: a CrewAI, AutoGen or Flowise source opened as a new, unsaved flow with its report. */
    public void importFlow() {
        if (!confirmDiscard()) {
            return;
        }
        dialogs.chooseImportSource().ifPresent(this::importFrom);
    }

    /** Imports without asking about unsaved changes; false when the source could not be imported. */
    public boolean importFrom(Path source) {
        ImportResult result;
        try {
            // a gallery of several AutoGen teams: ask which (the command line's --team)
            List<String> teams = Importers.galleryTeams(source);
            String team = null;
            if (teams.size() > 1) {
                Optional<String> chosen = dialogs.chooseOne("Import which team?", source.getFileName()
                        + " is an AutoGen Studio gallery of " + teams.size() + " teams: import which one?", teams);
                if (chosen.isEmpty()) {
                    return false;
                }
                team = Integer.toString(teams.indexOf(chosen.get()) + 1);
            }
            result = Importers.importFrom(source, null, team);
        } catch (ImportException e) {
            dialogs.showError("Cannot import " + source.getFileName(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            dialogs.showError("Cannot import " + source.getFileName(), "internal error: " + e);
            return false;
        }
        document.replace(result.flow(), null);
        document.markUnsaved();
        document.setImportReport(result.notes().stream().map(n -> Problem.warning("import", "", n.path(),
                "import (" + result.format() + ") " + n.line())).toList());
        opened.run();
        return true;
    }

    /** Opens a file without asking about unsaved changes (the caller did); false when it could not be read. */
    public boolean load(Path file) {
        try {
            Flow flow = FlowFiles.load(file).flow();
            FlowFiles.removeStaleTemps(file); // what saves killed mid-write left beside it
            document.replace(flow, file.toAbsolutePath().normalize());
            recent.add(file);
            opened.run();
            return true;
        } catch (FlowLoadException e) {
            dialogs.showError("Cannot open " + file.getFileName(), file + ": " + e.getMessage());
            return false;
        }
    }

    /** Opens a recent file; one that is gone is taken off the list with a one-line message (the flow stays). */
    public void openRecent(Path file) {
        if (!Files.isRegularFile(file)) {
            recent.remove(file);
            dialogs.showError("Cannot open " + file.getFileName(),
                    file + " no longer exists; it was taken off the recent files.");
            return;
        }
        if (confirmDiscard()) {
            load(file);
        }
    }

    /**
     * Opens a sample flow shipped in the jar ({@code /dev/baton/samples/NAME}) as an untitled copy. Its relative
     * paths (the support swarm's invoices folder, an MCP server's folder) resolve in a copy of the bundled samples in
     * Baton's home ({@link BundledSamples}); when that copy cannot be written the sample still opens, and says so.
     */
    public void openSample(String name) {
        if (!confirmDiscard()) {
            return;
        }
        try (InputStream in = FileActions.class.getResourceAsStream(BundledSamples.ROOT + name)) {
            if (in == null) {
                dialogs.showError("Sample missing", "The sample " + name + " is not in this build.");
                return;
            }
            Flow flow = FlowJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)).flow();
            Path copy = null;
            String problem = null;
            try {
                copy = BundledSamples.copyOut(BatonHome.dir(), name);
            } catch (IOException | RuntimeException e) {
                problem = e.getMessage();
            }
            document.replace(flow, null, copy);
            opened.run();
            if (problem != null && (flow.tools().workspace() != null || !flow.tools().mcpServers().isEmpty())) {
                dialogs.showInfo("Sample files not copied", "The files beside " + name + " could not be copied into "
                        + BatonHome.dir().resolve("samples") + " (" + problem + "): its tools will find no workspace.");
            }
        } catch (IOException | FlowLoadException e) {
            dialogs.showError("Cannot open sample " + name, e.getMessage());
        }
    }

    /** Saves to the current file, or asks for one; false when nothing was saved. */
    public boolean save() {
        Path file = document.fileProperty().get();
        return file == null ? saveAs() : writeTo(file);
    }

    public boolean saveAs() {
        Optional<Path> file = dialogs.chooseFileToSave("Save flow as", suggestedName(), "json");
        if (file.isEmpty()) {
            return false;
        }
        if (!writeTo(file.get())) {
            return false;
        }
        document.fileProperty().set(file.get().toAbsolutePath().normalize());
        recent.add(file.get());
        return true;
    }

    /** Writes a copy of the flow without changing which file the window edits. */
    public void exportJson() {
        dialogs.chooseFileToSave("Export JSON", suggestedName(), "json").ifPresent(f -> {
            try {
                FlowFiles.save(f, document.flow());
            } catch (IOException e) {
                dialogs.showError("Cannot export", f + ": " + e.getMessage());
            }
        });
    }

    private boolean writeTo(Path file) {
        try {
            FlowFiles.save(file, document.flow());
            document.markSaved();
            return true;
        } catch (IOException e) {
            dialogs.showError("Cannot save " + file.getFileName(), file + ": " + e.getMessage());
            return false;
        }
    }

    String suggestedName() {
        Path file = document.fileProperty().get();
        if (file != null) {
            return file.getFileName().toString();
        }
        return Ids.slug(document.flow().name()) + ".json";
    }

    /** True when the current flow may be replaced or the window closed: it is saved, saved now, or discarded. */
    public boolean confirmDiscard() {
        if (!document.dirty().get()) {
            return true;
        }
        return switch (dialogs.askUnsaved(document.flow().name())) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    /** The title: "Baton — FILE" with "•" when there are unsaved changes. */
    public static String title(FlowDocument document) {
        Path file = document.fileProperty().get();
        String name = file != null ? file.getFileName().toString() : document.flow().name();
        return (document.dirty().get() ? "• " : "") + "Baton — " + name;
    }

    static boolean exists(Path p) {
        return p != null && Files.isRegularFile(p);
    }
}
