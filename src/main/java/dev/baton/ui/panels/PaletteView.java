package dev.baton.ui.panels;

import dev.baton.ui.canvas.geometry.NodeLook;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The palette: templates grouped by section. Drag one onto the canvas to create a node where it is dropped (the drag
 * is a plain press-drag-release reported to a {@link DropTarget}, not platform drag-and-drop, so it behaves the same
 * under a headless test robot, and the target can show a ghost of the card under the pointer); double-click adds it
 * at the centre of the view.
 */
public final class PaletteView extends ScrollPane {

    /** Where palette entries are dragged to: the canvas. */
    public interface DropTarget {
        /** The pointer is at {@code scenePoint} while {@code template} is dragged (show where it would land). */
        void hover(AgentTemplate template, Point2D scenePoint);

        /** The drag is over: take any preview away. */
        void endHover();

        /** Released at {@code scenePoint}; true when the template was taken. */
        boolean drop(AgentTemplate template, Point2D scenePoint);
    }

    private final PaletteModel model;
    private final DropTarget target;
    private final Consumer<AgentTemplate> adder;
    private final VBox box = new VBox(4);

    /**
     * @param target told about the drag while it lasts, and about the drop
     * @param adder  called on double-click
     */
    public PaletteView(PaletteModel model, DropTarget target, Consumer<AgentTemplate> adder) {
        this.model = model;
        this.target = target;
        this.adder = adder;
        box.getStyleClass().add("palette");
        setContent(box);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setMinWidth(170);
        setPrefWidth(190);
        model.templates().addListener((ListChangeListener<AgentTemplate>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        box.getChildren().clear();
        Map<String, List<AgentTemplate>> sections = new LinkedHashMap<>();
        for (AgentTemplate t : model.templates()) {
            sections.computeIfAbsent(t.section(), k -> new java.util.ArrayList<>()).add(t);
        }
        sections.forEach((section, items) -> {
            Label header = new Label(section.toUpperCase(java.util.Locale.ROOT));
            header.getStyleClass().add("palette-section");
            box.getChildren().add(header);
            items.forEach(t -> box.getChildren().add(item(t)));
        });
    }

    private Label item(AgentTemplate t) {
        Label item = new Label(t.title(), new FontIcon(NodeLook.of(t.prototype().kind()).icon()));
        item.getStyleClass().add("palette-item");
        item.setMaxWidth(Double.MAX_VALUE);
        item.setId("palette-" + dev.baton.flow.Ids.slug(t.title()));
        String hint = t.prototype().role().isBlank() ? t.prototype().kind().name() : t.prototype().role();
        item.setTooltip(new Tooltip(hint + "\nDrag onto the canvas, or double-click."));
        item.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            item.setCursor(Cursor.CLOSED_HAND);
            if (e.isPrimaryButtonDown()) {
                target.hover(t, new Point2D(e.getSceneX(), e.getSceneY()));
            }
        });
        item.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            item.setCursor(Cursor.DEFAULT);
            target.endHover();
            if (e.getButton() == MouseButton.PRIMARY && !item.contains(e.getX(), e.getY())) {
                target.drop(t, new Point2D(e.getSceneX(), e.getSceneY()));
            }
        });
        item.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                adder.accept(t);
            }
        });
        return item;
    }
}
