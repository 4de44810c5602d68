package dev.baton.ui.palette;

import dev.baton.ui.canvas.geometry.NodeLook;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Priority;
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
 * at the centre of the view. A search box above the list keeps the entries whose title, role, kind or section contain
 * its words; the list scrolls under it.
 */
public final class PaletteView extends VBox {

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
    private final TextField search = new TextField();
    private final ScrollPane scroll = new ScrollPane(box);

    /**
     * @param target told about the drag while it lasts, and about the drop
     * @param adder  called on double-click
     */
    public PaletteView(PaletteModel model, DropTarget target, Consumer<AgentTemplate> adder) {
        this.model = model;
        this.target = target;
        this.adder = adder;
        box.getStyleClass().add("palette");
        search.setPromptText("Search agents");
        search.setId("palette-search");
        search.textProperty().addListener((obs, old, now) -> rebuild());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            }
        });
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setId("palette-scroll");
        scroll.setMinHeight(0);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox.setMargin(search, new javafx.geometry.Insets(0, 8, 0, 8));
        getChildren().addAll(search, scroll);
        getStyleClass().add("palette-pane");
        // the Delete and arrow keys act on the canvas's selection while the palette has the focus
        setFocusTraversable(true);
        setMinWidth(170);
        setPrefWidth(190);
        setMinHeight(0);
        model.templates().addListener((ListChangeListener<AgentTemplate>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        box.getChildren().clear();
        Map<String, List<AgentTemplate>> sections = new LinkedHashMap<>();
        String[] words = search.getText().strip().toLowerCase(java.util.Locale.ROOT).split("\\s+");
        for (AgentTemplate t : model.templates()) {
            if (!matches(t, words)) {
                continue;
            }
            sections.computeIfAbsent(t.section(), k -> new java.util.ArrayList<>()).add(t);
        }
        sections.forEach((section, items) -> {
            Label header = new Label(section.toUpperCase(java.util.Locale.ROOT));
            header.getStyleClass().add("palette-section");
            box.getChildren().add(header);
            items.forEach(t -> box.getChildren().add(item(t)));
        });
        if (sections.isEmpty()) {
            Label none = new Label("No agent matches \"" + search.getText().strip() + "\".");
            none.setWrapText(true);
            none.getStyleClass().add("palette-empty");
            box.getChildren().add(none);
        }
    }

    /** True when every word occurs in the entry's title, role, kind or section (case ignored). */
    private static boolean matches(AgentTemplate t, String[] words) {
        String text = (t.title() + " " + t.prototype().role() + " " + t.prototype().kind().name() + " "
                + t.section()).toLowerCase(java.util.Locale.ROOT);
        for (String w : words) {
            if (!w.isEmpty() && !text.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /** The search box above the entries. */
    public TextField searchField() {
        return search;
    }

    /** The titles of the entries shown now, in order. */
    public List<String> shownTitles() {
        return box.getChildren().stream().filter(n -> n.getStyleClass().contains("palette-item"))
                .map(n -> ((Label) n).getText()).toList();
    }

    private Label item(AgentTemplate t) {
        Label item = new Label(t.title(), new FontIcon(NodeLook.of(t.prototype().kind()).icon()));
        item.getStyleClass().add("palette-item");
        item.setMaxWidth(Double.MAX_VALUE);
        item.setId("palette-" + dev.baton.flow.Ids.slug(t.title()));
        String hint = t.prototype().role().isBlank() ? t.prototype().kind().name() : t.prototype().role();
        dev.baton.ui.fx.LazyTooltip.install(item, hint + "\nDrag onto the canvas, or double-click.");
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
