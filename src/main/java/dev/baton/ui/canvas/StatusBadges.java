package dev.baton.ui.canvas;

import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;

import java.util.List;

/** Where a run's status badge sits on a card: under it, or above it when an edge label is under it. */
final class StatusBadges {

    /** On a node with this style class the status badge sits above the card (an edge label is below it). */
    static final String BADGE_ABOVE = "run-badge-above";
    /** The height a status badge takes, with its gap to the card (app.css: 9.5 px text, 1 px padding, border). */
    static final double BADGE_BAND = 20;

    private StatusBadges() {
    }

    /** The badge hangs under the card unless an edge label is there and the space above is freer. */
    static boolean badgeAbove(Bounds card, double badgeWidth, List<Bounds> labels) {
        double below = FreeSpot.covered(badgeBand(card, badgeWidth, false), labels);
        return below > 0 && FreeSpot.covered(badgeBand(card, badgeWidth, true), labels) < below;
    }

    /** How wide the node's status badge is (a short "done" leaves room beside it), at most the card's width. */
    static double badgeWidth(NodeSkin skin) {
        Node badge = skin.lookup(".run-badge");
        double w = badge == null ? 0 : badge.prefWidth(-1);
        return w <= 0 ? NodeGeometry.WIDTH : Math.min(NodeGeometry.WIDTH, w);
    }

    /** Where a status badge reaches (with the nudge an upper badge gets), under or over the card. */
    static Bounds badgeBand(Bounds card, double badgeWidth, boolean above) {
        return new BoundingBox(card.getMinX(), above ? card.getMinY() - BADGE_BAND : card.getMaxY(),
                badgeWidth + 10, BADGE_BAND);
    }
}
