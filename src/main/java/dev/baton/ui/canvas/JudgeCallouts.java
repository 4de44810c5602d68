package dev.baton.ui.canvas;

import dev.baton.ui.run.JudgeOutcome;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The small note a judge shows after deciding: which input won and the first line of why (the whole rationale in its
 * tooltip). It lives in the node layer beside the judge's card, in the first free spot around it, so that it never
 * hides an edge label, another card or the judge's status badge.
 */
final class JudgeCallouts {

    /** Widest a callout gets; longer reasons end in an ellipsis (the tooltip has them whole). */
    static final double MAX_WIDTH = 230;
    /** How far the callout's drop shadow (app.css) reaches beyond its box. */
    private static final double SHADOW = 7;
    /** Space between the callout and the card or badge it belongs to: its shadow stays off them. */
    private static final double GAP = SHADOW + 1;

    private final Group layer;
    private final Map<String, Callout> shown = new HashMap<>();

    JudgeCallouts(Group layer) {
        this.layer = layer;
    }

    /** One callout: its box and the decision it shows. */
    private record Callout(VBox box, Label title, Label reason, Tooltip tip, JudgeOutcome outcome) { }

    /**
     * Shows (or moves) the callout of judge {@code judgeId}, whose card is {@code card}; {@code badge} is the space
     * its status badge takes (null for none); {@code winnerName} names the winning input.
     */
    void show(String judgeId, JudgeOutcome outcome, String winnerName, Bounds card, Bounds badge,
              Collection<Bounds> obstacles) {
        Callout c = shown.get(judgeId);
        if (c == null || !c.outcome().equals(outcome)) {
            if (c != null) {
                layer.getChildren().remove(c.box());
            }
            c = create(judgeId, outcome, winnerName);
            shown.put(judgeId, c);
            layer.getChildren().add(c.box());
        }
        VBox box = c.box();
        box.applyCss();
        double w = Math.min(MAX_WIDTH, box.prefWidth(-1));
        double h = box.prefHeight(w);
        box.resize(w, h);
        List<Bounds> obstaclesAndBadge = new ArrayList<>(obstacles);
        obstaclesAndBadge.add(card);
        if (badge != null) {
            obstaclesAndBadge.add(badge);
        }
        List<Bounds> candidates = candidates(card, badge, w, h);
        // the drop shadow reaches beyond the box: it must not fall on a label either
        List<Bounds> withShadow = candidates.stream().<Bounds>map(b -> new BoundingBox(b.getMinX() - SHADOW,
                b.getMinY() - SHADOW, b.getWidth() + 2 * SHADOW, b.getHeight() + 2 * SHADOW)).toList();
        Bounds at = candidates.get(FreeSpot.choose(withShadow, obstaclesAndBadge));
        box.relocate(at.getMinX(), at.getMinY());
    }

    /** Below the card first (under the badge if it hangs there), then above, each slid sideways in steps. */
    static List<Bounds> candidates(Bounds card, Bounds badge, double w, double h) {
        double below = card.getMaxY() + GAP;
        double above = card.getMinY() - GAP - h;
        if (badge != null && badge.getMinY() >= card.getMaxY()) {
            below = badge.getMaxY() + GAP;
        } else if (badge != null) {
            above = badge.getMinY() - GAP - h;
        }
        double[] shifts = {0, 20, 40, 60, 80, 100, 120, 140, -20, -40, -60};
        List<Bounds> out = new ArrayList<>();
        for (double y : new double[] {below, above}) {
            for (double dx : shifts) {
                out.add(new BoundingBox(card.getMinX() + dx, y, w, h));
            }
        }
        return out;
    }

    private static Callout create(String judgeId, JudgeOutcome outcome, String winnerName) {
        boolean merged = "merge".equalsIgnoreCase(outcome.winner());
        Label title = new Label(merged ? "merged " + outcome.inputsConsidered().size() + " inputs"
                : "✔ " + winnerName + " won");
        title.getStyleClass().add("judge-callout-title");
        String firstLine = outcome.rationale().strip().lines().findFirst().orElse("");
        Label reason = new Label(firstLine);
        reason.getStyleClass().add("judge-callout-reason");
        reason.setTextOverrun(OverrunStyle.ELLIPSIS);
        reason.setVisible(!firstLine.isEmpty());
        reason.setManaged(!firstLine.isEmpty());
        title.setMaxWidth(MAX_WIDTH);
        reason.setMaxWidth(MAX_WIDTH);
        VBox box = new VBox(1, title, reason);
        box.getStyleClass().add("judge-callout");
        box.setId("judge-callout-" + judgeId);
        box.setMaxWidth(MAX_WIDTH);
        box.setManaged(false);
        Tooltip tip = new Tooltip(outcome.strategy().toLowerCase().replace('_', ' ') + " · "
                + (merged ? "merged" : "chose " + winnerName) + "\n\n" + TextPreview.of(outcome.rationale()));
        tip.setWrapText(true);
        tip.setMaxWidth(460);
        tip.setShowDelay(Duration.millis(300));
        tip.setShowDuration(Duration.INDEFINITE);
        Tooltip.install(box, tip);
        return new Callout(box, title, reason, tip, outcome);
    }

    /** Takes the callout of {@code judgeId} away (its decision is gone or its card is off screen). */
    void remove(String judgeId) {
        Callout c = shown.remove(judgeId);
        if (c != null) {
            layer.getChildren().remove(c.box());
        }
    }

    /** The judges showing a callout now. */
    List<String> judges() {
        return List.copyOf(shown.keySet());
    }

    void clear() {
        shown.values().forEach(c -> layer.getChildren().remove(c.box()));
        shown.clear();
    }

    /** The callout shown for {@code judgeId}: title and first reason line, for tests. */
    java.util.Optional<String> text(String judgeId) {
        Callout c = shown.get(judgeId);
        return c == null ? java.util.Optional.empty()
                : java.util.Optional.of(c.title().getText() + "\n" + c.reason().getText());
    }

    /** The full text of the callout's tooltip, for tests. */
    java.util.Optional<String> tooltip(String judgeId) {
        return java.util.Optional.ofNullable(shown.get(judgeId)).map(c -> c.tip().getText());
    }

    /** Where the callout of {@code judgeId} sits in the world, for tests. */
    java.util.Optional<Bounds> bounds(String judgeId) {
        return java.util.Optional.ofNullable(shown.get(judgeId)).map(c -> c.box().getBoundsInParent());
    }
}
