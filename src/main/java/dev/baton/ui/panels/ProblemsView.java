package dev.baton.ui.panels;

import dev.baton.flow.Problem;
import dev.baton.ui.document.FlowDocument;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import java.util.List;
import java.util.function.Consumer;

/** The validator's problems; double-click one to select and reveal the node or edge it concerns. */
public final class ProblemsView extends ListView<Problem> {

    public ProblemsView(FlowDocument document, Consumer<String> reveal) {
        super(document.problems());
        setPlaceholder(new Label("No problems: the flow is valid."));
        setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                getStyleClass().add(p.isError() ? "problem-error" : "problem-warning");
                setGraphic(new FontIcon(p.isError() ? MaterialDesignA.ALERT_CIRCLE_OUTLINE : MaterialDesignA.ALERT_OUTLINE));
                setText((p.elementId().isEmpty() ? "flow" : p.elementId()) + ": " + p.message()
                        + "   " + p.pointer());
            }
        });
        setOnMouseClicked(e -> {
            Problem p = getSelectionModel().getSelectedItem();
            if (p != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                activate(document, p, reveal);
            }
        });
    }

    /** Selects the problem's element (nothing for a flow-level problem) and reveals it. */
    public static void activate(FlowDocument document, Problem p, Consumer<String> reveal) {
        String id = p.elementId();
        if (id.isEmpty() || (document.flow().node(id).isEmpty() && document.flow().edge(id).isEmpty())) {
            document.select(List.of());
            return;
        }
        document.select(List.of(id));
        reveal.accept(id);
    }
}
