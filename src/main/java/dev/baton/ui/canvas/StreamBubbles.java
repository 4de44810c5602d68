package dev.baton.ui.canvas;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The speech bubble of a working agent: the tail of the text its model is streaming, beside its card while it runs.
 * Bubbles have a fixed size, so a bubble is placed once when it appears (in the first spot that hides no edge label
 * or other card) and each streamed chunk only changes its text.
 */
final class StreamBubbles {

    static final double WIDTH = 210;
    static final double HEIGHT = 44;
    /** How much of the stream a bubble shows: the last words, not a page. */
    static final int TAIL_CHARS = 120;
    private static final double GAP = 8;

    private final Group layer;
    private final Map<String, Label> shown = new HashMap<>();

    StreamBubbles(Group layer) {
        this.layer = layer;
    }

    /**
     * Shows {@code streamed}'s tail in the bubble of {@code nodeId} (creating and placing it beside {@code card} the
     * first time, away from {@code obstacles}, which are only asked for then); a blank text takes the bubble away.
     */
    void update(String nodeId, String streamed, Bounds card, Supplier<Collection<Bounds>> obstacles) {
        if (streamed == null || streamed.isBlank()) {
            remove(nodeId);
            return;
        }
        Label bubble = shown.get(nodeId);
        if (bubble == null) {
            bubble = create(nodeId);
            shown.put(nodeId, bubble);
            layer.getChildren().add(bubble);
            List<Bounds> candidates = candidates(card);
            Bounds at = candidates.get(FreeSpot.choose(candidates, obstacles.get()));
            bubble.relocate(at.getMinX(), at.getMinY());
        }
        bubble.setText(tail(streamed));
    }

    /** The last {@link #TAIL_CHARS} characters on one line, cut at a word when it can be. */
    static String tail(String streamed) {
        String flat = streamed.strip().replaceAll("\\s+", " ");
        if (flat.length() <= TAIL_CHARS) {
            return flat;
        }
        String cut = flat.substring(flat.length() - TAIL_CHARS);
        int space = cut.indexOf(' ');
        return "…" + (space > 0 && space < 20 ? cut.substring(space + 1) : cut);
    }

    /** Above the card first (slid sideways), then to its right, then below it. */
    static List<Bounds> candidates(Bounds card) {
        List<Bounds> out = new ArrayList<>();
        double above = card.getMinY() - GAP - HEIGHT;
        for (double dx : new double[] {0, 30, -30, 60, -60}) {
            out.add(new BoundingBox(card.getMinX() + dx, above, WIDTH, HEIGHT));
        }
        out.add(new BoundingBox(card.getMaxX() + GAP, card.getMinY(), WIDTH, HEIGHT));
        out.add(new BoundingBox(card.getMinX(), card.getMaxY() + 22, WIDTH, HEIGHT));
        return out;
    }

    private static Label create(String nodeId) {
        Label bubble = new Label();
        bubble.getStyleClass().add("run-stream-bubble");
        bubble.setId("stream-bubble-" + nodeId);
        bubble.setWrapText(true);
        bubble.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        bubble.setMouseTransparent(true);
        bubble.setManaged(false);
        bubble.resize(WIDTH, HEIGHT);
        bubble.setMinSize(WIDTH, HEIGHT);
        bubble.setMaxSize(WIDTH, HEIGHT);
        return bubble;
    }

    /** The text the bubble of {@code nodeId} shows, or null without a bubble. */
    String text(String nodeId) {
        Label bubble = shown.get(nodeId);
        return bubble == null ? null : bubble.getText();
    }

    void remove(String nodeId) {
        Label bubble = shown.remove(nodeId);
        if (bubble != null) {
            layer.getChildren().remove(bubble);
        }
    }

    void clear() {
        shown.values().forEach(b -> layer.getChildren().remove(b));
        shown.clear();
    }
}
