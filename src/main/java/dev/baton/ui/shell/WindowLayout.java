package dev.baton.ui.shell;

import dev.baton.ui.settings.DesignerSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;

import java.io.IOException;

/**
 * The window's arrangement the designer remembers between launches (in {@link DesignerSettings}): whether the
 * minimap is shown, and the height the user dragged the bottom panel (Problems, Run) to. Without a remembered height
 * the panel starts small on a small screen, so that the canvas keeps most of the window.
 */
final class WindowLayout {

    /** The bottom panel's first height on a window up to {@link #SMALL_WINDOW} high, and above. */
    static final double SMALL_PANEL = 120;
    static final double LARGE_PANEL = 170;
    static final double SMALL_WINDOW = 860;
    /** Below these canvas sizes the minimap steps aside. */
    static final double MINIMAP_MIN_CANVAS_HEIGHT = 380;
    static final double MINIMAP_MIN_CANVAS_WIDTH = 560;

    private final DesignerSettings settings;
    private final BooleanProperty minimapShown = new SimpleBooleanProperty(true);
    private SplitPane split;
    /** The bottom panel's height (pixels) kept across window resizes. */
    private double wanted = LARGE_PANEL;

    WindowLayout(DesignerSettings settings) {
        this.settings = settings;
        minimapShown.set(settings.minimapShown());
        minimapShown.addListener((o, was, now) -> save(() -> settings.setMinimapShown(now)));
    }

    /** Whether the minimap is shown (View ▸ Minimap); a change is remembered. */
    BooleanProperty minimapShown() {
        return minimapShown;
    }

    /**
     * Whether the minimap shows over {@code canvas}: when the user wants it and the canvas is large enough that it
     * leaves the flow room (a canvas squeezed by a run's panel would otherwise fit the flow too small to edit).
     */
    javafx.beans.binding.BooleanBinding minimapVisible(Region canvas) {
        return minimapShown.and(canvas.heightProperty().greaterThanOrEqualTo(MINIMAP_MIN_CANVAS_HEIGHT))
                .and(canvas.widthProperty().greaterThanOrEqualTo(MINIMAP_MIN_CANVAS_WIDTH));
    }

    /**
     * Gives the bottom item of {@code split} its remembered height (or the default for the window's size), keeps it
     * at that height whatever the window's size, and remembers the height the user drags it to. Only a drag of the
     * divider is remembered: the room a run or a result asks for ({@link #growBottomTo}) is not the user's choice.
     */
    void installBottomPanel(SplitPane split, double windowHeight) {
        this.split = split;
        wanted = settings.bottomPanelHeight().orElse(windowHeight <= SMALL_WINDOW ? SMALL_PANEL : LARGE_PANEL);
        boolean[] dragging = new boolean[1];
        // the split pane's first layouts size its items from their old shares, after any listener of ours ran: the
        // height is pinned again after each pass that changed it (but not under the user's drag)
        javafx.beans.InvalidationListener pin = o -> {
            if (split.getHeight() > 0 && !dragging[0]) {
                javafx.application.Platform.runLater(() -> setBottomHeight(split, wanted));
            }
        };
        split.heightProperty().addListener(pin);
        Region bottom = (Region) split.getItems().get(split.getItems().size() - 1);
        bottom.heightProperty().addListener(pin);
        split.getDividers().get(split.getDividers().size() - 1).positionProperty().addListener(pin);
        split.addEventFilter(MouseEvent.MOUSE_PRESSED,
                e -> dragging[0] = onDivider(e.getPickResult().getIntersectedNode(), split));
        split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (dragging[0]) {
                dragging[0] = false;
                split.layout(); // the last drag step's position is laid out at the next pulse: measure it now
                wanted = bottomHeight(split);
                save(() -> settings.setBottomPanelHeight(wanted));
            }
        });
    }

    /** Gives the bottom panel at least {@code share} of the height (a run's console, a result); false if it had it. */
    boolean growBottomTo(double share) {
        double height = split.getHeight() * share;
        if (bottomHeight(split) >= height - 1) {
            return false;
        }
        wanted = height;
        setBottomHeight(split, wanted);
        return true;
    }

    /** The bottom item's height now. */
    static double bottomHeight(SplitPane split) {
        return split.getItems().get(split.getItems().size() - 1).getLayoutBounds().getHeight();
    }

    /** Moves the last divider so that the bottom item gets {@code height}, leaving the canvas at least a third. */
    static void setBottomHeight(SplitPane split, double height) {
        double total = split.getHeight();
        double h = Math.max(60, Math.min(height, total * 2 / 3));
        int last = split.getDividers().size() - 1;
        double position = 1 - h / total;
        // a position the split pane cannot take (an item's minimum size) is not asked for again and again
        if (Math.abs(split.getDividerPositions()[last] - position) > 0.002) {
            split.setDividerPosition(last, position);
        }
    }

    private static boolean onDivider(Node n, SplitPane split) {
        for (; n != null && n != split; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) {
                return n.getParent() == split; // not a divider of a split pane inside it
            }
        }
        return false;
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void save(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            // a layout preference that cannot be written is the default next time; nothing the user made is lost
        }
    }
}
