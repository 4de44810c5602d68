package dev.baton.ui.shell;

import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.panels.RunPanel;
import dev.baton.ui.panels.RunPanelLauncher;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.List;

/** The designer window's status bar, bound to the document, the canvas and the run panel. */
final class DesignerStatusBar {

    private DesignerStatusBar() {
    }

    /** The bar: validation status, the last refused connection, where a run runs, models, selection and zoom. */
    static Node create(FlowDocument document, FlowCanvas canvas, RunPanel runPanel) {
        Label status = new Label();
        Label zoom = new Label();
        zoom.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(canvas.view().scale().get() * 100) + " %", canvas.view().scale()));
        Label selection = new Label();
        Runnable refresh = () -> {
            String summary = document.validationSummary();
            status.setText(summary);
            status.getStyleClass().removeAll("status-valid", "status-invalid", "status-hint");
            status.getStyleClass().add(document.showsStartHint() ? "status-hint"
                    : summary.equals("valid") ? "status-valid" : "status-invalid");
            int n = document.selection().size();
            selection.setText(n == 0 ? "nothing selected" : n + " selected");
        };
        document.problems().addListener((ListChangeListener<Object>) c -> refresh.run());
        // a valid flow replacing a new one changes no problem, but the start hint must go
        document.flowProperty().addListener((obs, old, now) -> refresh.run());
        document.selection().addListener((SetChangeListener<String>) c -> refresh.run());
        refresh.run();
        status.setId("validation-status");
        Label refusal = new Label();
        refusal.getStyleClass().add("status-invalid");
        refusal.setId("status-refusal");
        refusal.textProperty().bind(Bindings.createStringBinding(() -> canvas.lastRefusal().get().isEmpty() ? ""
                : "Connection refused: " + canvas.lastRefusal().get(), canvas.lastRefusal()));
        // a long reason gives way (ellipsis, whole text on hover); the counters keep their width
        refusal.setMinWidth(0);
        javafx.scene.control.Tooltip refusalTip = new javafx.scene.control.Tooltip();
        refusalTip.textProperty().bind(refusal.textProperty());
        refusal.setTooltip(refusalTip);
        zoom.setId("status-zoom");
        selection.setId("status-selection");
        for (Label counter : List.of(status, selection, zoom)) {
            counter.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label providers = new Label();
        providers.setId("status-providers");
        providers.setMinWidth(0);
        providers.textProperty().bind(Bindings.createStringBinding(() -> {
            String labels = RunPanelLauncher.providerLabels(document.flow());
            return labels.isEmpty() ? "" : "Models: " + labels;
        }, document.flowProperty()));
        // a run on Temporal says where it runs, as long as the Run tab shows it
        Label engine = new Label();
        engine.setId("status-engine");
        engine.setMinWidth(0);
        engine.textProperty().bind(Bindings.createStringBinding(() -> runPanel.placeProperty().get().isEmpty() ? ""
                : (runPanel.runningProperty().get() ? "Running on " : "Ran on ") + runPanel.placeProperty().get(),
                runPanel.placeProperty(), runPanel.runningProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, status, refusal, spacer, engine, providers, selection, zoom);
        bar.getStyleClass().add("status-bar");
        return bar;
    }
}
