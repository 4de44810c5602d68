package dev.baton.ui.shell;

import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.canvas.PngExport;
import dev.baton.ui.canvas.SvgExport;
import dev.baton.ui.fx.DialogService;
import javafx.scene.Scene;

import java.io.IOException;
import java.util.function.Supplier;

/** File ▸ Export PNG…, Export PNG (2×)… and Export SVG…: the whole flow, not the view, in the window's styles. */
final class ExportActions {

    private final FlowDocument document;
    private final FileActions files;
    private final DialogService dialogs;
    private final Supplier<Scene> scene;

    ExportActions(FlowDocument document, FileActions files, DialogService dialogs, Supplier<Scene> scene) {
        this.document = document;
        this.files = files;
        this.dialogs = dialogs;
        this.scene = scene;
    }

    /** The whole flow at {@code pixelScale} × 100 %. */
    void png(double pixelScale) {
        String suffix = pixelScale == 1 ? "" : "@" + (int) pixelScale + "x";
        dialogs.chooseFileToSave("Export PNG", baseName() + suffix + ".png", "png").ifPresent(f -> {
            try {
                PngExport.write(PngExport.render(document.flow(), scene.get().getStylesheets(), pixelScale), f);
            } catch (IOException | RuntimeException e) {
                dialogs.showError("Cannot export PNG", f + ": " + e.getMessage());
            }
        });
    }

    /** The whole flow as a drawing that scales. */
    void svg() {
        dialogs.chooseFileToSave("Export SVG", baseName() + ".svg", "svg").ifPresent(f -> {
            try {
                SvgExport.write(SvgExport.render(document.flow(), scene.get().getStylesheets()), f);
            } catch (IOException | RuntimeException e) {
                dialogs.showError("Cannot export SVG", f + ": " + e.getMessage());
            }
        });
    }

    private String baseName() {
        return files.suggestedName().replaceAll("\\.json$", "");
    }
}
